/// `sitemap.xml` (sitemaps.org): the absolute address of every page, when the site's base
/// URL is known.
enum Sitemap {
    static func xml(pages: [String], baseURL: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            out += "  <url><loc>" + HTMLEscaping.escape(baseURL + HTMLEscaping.escapeURL(page).replacingOccurrences(of: "&amp;", with: "&")) + "</loc></url>\n"
        }
        return out + "</urlset>\n"
    }
}
