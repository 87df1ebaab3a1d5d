import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `callbook check --external`: asks every external link whether it is still there — opt-in,
/// never part of a build. Requests run concurrently with a timeout, at most two at a time per
/// host; answers are cached for a day; dead links are warnings naming the files and lines
/// that cite them.
public struct ExternalLinkChecker: Sendable {
    /// A link to another site, where it is cited.
    public struct Link: Hashable, Sendable {
        public var url: String
        public var range: SourceRange?
    }

    public let timeout: TimeInterval
    public let cacheFile: URL
    public let perHost = 2
    static let cacheLifetime: TimeInterval = 24 * 3600

    public init(timeout: TimeInterval, cacheFile: URL) {
        self.timeout = timeout
        self.cacheFile = cacheFile
    }

    /// Every `http(s)` link of the book, with where it is written.
    public static func links(in book: ResolvedBook) -> [Link] {
        var result: [Link] = []
        for chapter in book.chapters {
            for block in chapter.document.children {
                let fallback = block.range
                block.walk(block: { _ in }, inline: { inline in
                    if case .link(let url, _, _) = inline.kind, url.hasPrefix("http://") || url.hasPrefix("https://") {
                        result.append(Link(url: url, range: inline.range ?? fallback))
                    }
                })
            }
        }
        return result
    }

    /// Checks the links; returns a warning for each citation of a dead one.
    public func check(_ links: [Link]) async -> [Diagnostic] {
        var cache = loadCache()
        let now = Date().timeIntervalSince1970
        let unique = Set(links.map(\.url))
        let stale = unique.filter { url in cache[url].map { now - $0.checked > Self.cacheLifetime } ?? true }
        let byHost = Dictionary(grouping: stale) { URL(string: $0)?.host ?? "" }
        let timeout = self.timeout
        let perHost = self.perHost
        let answers = await withTaskGroup(of: [(String, Int)].self) { group in
            for (_, urls) in byHost {
                group.addTask {
                    // One task per host, `perHost` requests at a time.
                    var results: [(String, Int)] = []
                    for batch in stride(from: 0, to: urls.count, by: perHost).map({ Array(urls[$0..<min($0 + perHost, urls.count)]) }) {
                        await withTaskGroup(of: (String, Int).self) { inner in
                            for url in batch { inner.addTask { (url, await Self.status(of: url, timeout: timeout)) } }
                            for await answer in inner { results.append(answer) }
                        }
                    }
                    return results
                }
            }
            var all: [(String, Int)] = []
            for await results in group { all += results }
            return all
        }
        // Only real answers are remembered: no answer (offline, refused) is asked again next time.
        var fresh: [String: Int] = [:]
        for (url, status) in answers {
            fresh[url] = status
            if status > 0 { cache[url] = CacheEntry(status: status, checked: now) } else { cache[url] = nil }
        }
        saveCache(cache)

        var diagnostics: [Diagnostic] = []
        for link in links {
            guard let status = fresh[link.url] ?? cache[link.url]?.status, !(200..<400).contains(status) else { continue }
            let why = status == 0 ? "could not be reached (no answer within \(Int(timeout)) s, or the connection failed)"
                : "answered \(status)"
            diagnostics.append(.warning("external-link-dead", "external link \(link.url) \(why)", at: link.range))
        }
        return diagnostics
    }

    /// The HTTP status of a HEAD request (GET if HEAD is refused); 0 when there is no answer.
    static func status(of url: String, timeout: TimeInterval) async -> Int {
        guard let address = URL(string: url) else { return 0 }
        for method in ["HEAD", "GET"] {
            var request = URLRequest(url: address, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
            request.httpMethod = method
            request.setValue("callbook link checker", forHTTPHeaderField: "User-Agent")
            guard let (_, response) = try? await URLSession.shared.data(for: request),
                  let http = response as? HTTPURLResponse else { return 0 }
            if method == "HEAD" && (http.statusCode == 405 || http.statusCode == 403) { continue }
            return http.statusCode
        }
        return 0
    }

    struct CacheEntry: Codable {
        var status: Int
        var checked: TimeInterval
    }

    func loadCache() -> [String: CacheEntry] {
        guard let data = FileManager.default.contents(atPath: cacheFile.path),
              let cache = try? JSONDecoder().decode([String: CacheEntry].self, from: data) else { return [:] }
        return cache
    }

    func saveCache(_ cache: [String: CacheEntry]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(cache) else { return }
        try? FileManager.default.createDirectory(at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        // A cache that cannot be written only costs a slower next check.
        try? data.write(to: cacheFile)
    }
}
