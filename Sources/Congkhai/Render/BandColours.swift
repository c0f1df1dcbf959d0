/// The colour of each band: the framework's `colour:` (policy is data), else
/// the default theme's palette by position. Band tags take it through a
/// generated stylesheet (`assets/bands.css`, no inline styles under the CSP)
/// and charts through the SVG `fill`.
struct BandColours {
    /// Fallback when a framework names no colours: dark enough for text on
    /// white (WCAG AA) and matching the shapes ★ ▲ ■ ▼ of the default theme.
    static let fallback = ["#05602a", "#0b4f8a", "#6b4a00", "#a4000f"]
    static let neutral = "#4a4a4a"

    let colours: [String]

    init(_ framework: Framework) {
        colours = framework.bands.enumerated().map { i, b in
            b.colour ?? BandColours.fallback[min(i, BandColours.fallback.count - 1)]
        }
    }

    func colour(_ band: Int) -> String { colours.indices.contains(band) ? colours[band] : BandColours.neutral }

    /// The class that paints a bar in a band's colour.
    static func toneClass(_ band: Int) -> String { "band-bg-\(band)" }

    /// `.band-0{color:#05602a}` and `.band-bg-0{background:#05602a}`, per band.
    var stylesheet: String {
        colours.enumerated().map { ".band-\($0.offset){color:\($0.element)}\n.band-bg-\($0.offset){background:\($0.element)}" }
            .joined(separator: "\n") + "\n"
    }
}
