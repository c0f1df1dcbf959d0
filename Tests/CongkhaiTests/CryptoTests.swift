import Testing
@testable import Congkhai

/// The prepared HMAC (respondent pseudonyms) must be HMAC-SHA-256 exactly:
/// a published pseudonym that changed would be a changed row in every ledger.
@Suite struct CryptoTests {
    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func preparedHMACMatchesRFC4231() throws {
        // Test case 1 (a short key) and case 6 (a key longer than the block: hashed first).
        let short = try #require(Crypto.HMACSHA256(key: [UInt8](repeating: 0x0B, count: 20)))
        #expect(hex(short.mac(Array("Hi There".utf8))) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let long = try #require(Crypto.HMACSHA256(key: [UInt8](repeating: 0xAA, count: 131)))
        #expect(hex(long.mac(Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func preparedHMACMatchesTheOneShotCallForAnyLengths() throws {
        var rng = SplitMix(seed: 42)
        for keyLength in [0, 1, 31, 32, 63, 64, 65, 150] {
            let key = (0..<keyLength).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let prepared = try #require(Crypto.HMACSHA256(key: key))
            // The same object for many messages: its states must not carry over.
            for length in [0, 1, 14, 55, 56, 64, 200] {
                let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                #expect(prepared.mac(message) == Crypto.hmacSHA256(key: key, message: message), "key \(keyLength), message \(length)")
            }
        }
    }
}
