import Testing
@testable import Congkhai

@Suite struct PrivacyMaskTests {
    @Test(arguments: [
        "0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678", "(+84) 912-345-678",
        "+84912345678", "024 3825 1234", "(024) 3825 1234", "0243.825.1234", "001203004567", "123456789",
    ])
    func masksNumbers(number: String) {
        let masked = PrivacyMask.mask("Gọi \(number) nhé")
        #expect(masked == "Gọi \(PrivacyMask.phoneMask) nhé")
    }

    @Test func masksEmails() {
        #expect(PrivacyMask.mask("Email nguoidan.demo@example.com, cảm ơn") == "Email \(PrivacyMask.emailMask), cảm ơn")
        #expect(PrivacyMask.mask("a.b+c@mail.gov.vn.") == "\(PrivacyMask.emailMask).")
    }

    @Test func keepsDatesAmountsAndText() {
        #expect(PrivacyMask.mask("Hạn 2026-10-15, 2 tháng, 300 hồ sơ, 45%") == "Hạn 2026-10-15, 2 tháng, 300 hồ sơ, 45%")
        #expect(PrivacyMask.mask("@ hội nghị") == "@ hội nghị")
    }
}
