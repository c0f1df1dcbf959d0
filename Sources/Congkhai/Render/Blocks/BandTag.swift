/// A band's name with its colour class (`band-<rank>`, from `assets/bands.css`)
/// and shape, so a band never reads by colour alone.
struct BandTag: Encodable, Sendable {
    var rank: Int
    var name: String
}

extension Display {
    func band(_ index: Int, _ framework: Framework) -> BandTag {
        BandTag(rank: index, name: framework.bands[index].name.text(language))
    }
}

extension BandTag: TemplateRepresentable {
    func fields(into f: inout TemplateTree) { f.put("rank", rank); f.put("name", name) }
}
