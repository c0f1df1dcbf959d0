/// What the pages of one group share (`SitePlan.pageGroups`: one kind of
/// page in every language), worked out by the first page that needs it.
///
/// An official's explained result (every measure's inputs and items) does
/// not depend on the language, and was made again for each language's
/// page: ~1.2 CPU-seconds of a national build. Made and read by the one
/// thread that makes the group, so it needs no lock and is not `Sendable`.
final class PageGroupMemo {
    private var explained: (official: Int, result: OfficialResult)?

    /// `r` explained (`ScoringRun.explained`), made once per official.
    func explained(_ r: OfficialResult, by run: ScoringRun) -> OfficialResult {
        if let explained, explained.official == r.official { return explained.result }
        let result = run.explained(r)
        explained = (r.official, result)
        return result
    }
}
