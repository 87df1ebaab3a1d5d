/// A chapter's previews as the chapter cache holds them (`RecordWriter.previews`): checked when
/// its record was read (`RecordReader.previewsRange`), made into values only when asked for.
struct EncodedPreviews: PagePreviews.Store {
    /// The previews' bytes, within the cache file's.
    let bytes: ArraySlice<UInt8>

    func preview(at anchor: String) -> TargetPreview? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = RecordReader(CacheBytesReader(buffer))
            return reader.preview(at: anchor) ?? nil
        }
    }

    func all() -> [String: TargetPreview] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = RecordReader(CacheBytesReader(buffer))
            return reader.previews() ?? [:]
        }
    }
}
