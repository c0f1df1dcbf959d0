/// Published text compared as it is published: byte for byte. `String`'s
/// `==` is canonical equivalence ("Bình" precomposed equals it decomposed,
/// U+2000 equals U+2002), which a page, a URL or a search key is not to
/// the manifest, rsync or `site.js` (decision 126).
func sameBytes(_ a: String, _ b: String?) -> Bool {
    guard let b else { return false }
    return a.utf8.elementsEqual(b.utf8)
}
