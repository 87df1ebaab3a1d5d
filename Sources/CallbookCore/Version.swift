/// callbook's version: `callbook --version`, and the `generator` of every page it writes.
public enum CallbookVersion {
    public static let current = "0.4.0"
}
