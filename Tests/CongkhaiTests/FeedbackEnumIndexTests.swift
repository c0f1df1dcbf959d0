import Testing
@testable import Congkhai

/// The tally counts by `index`: it must be each case's place in `allCases`,
/// the order every published count follows.
@Suite struct FeedbackEnumIndexTests {
    @Test func indexesAreTheCasesOrder() {
        #expect(FeedbackKind.allCases.map(\.index) == Array(FeedbackKind.allCases.indices))
        #expect(FeedbackChannel.allCases.map(\.index) == Array(FeedbackChannel.allCases.indices))
        #expect(RespondentKind.allCases.map(\.index) == Array(RespondentKind.allCases.indices))
        #expect(FeedbackTally.slot(nil) == RespondentKind.allCases.count)
        #expect(RespondentKind.allCases.map { FeedbackTally.slot($0) } == Array(RespondentKind.allCases.indices))
    }
}
