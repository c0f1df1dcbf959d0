import Foundation

/// Checks references between files and assembles the `Province` that
/// scoring reads. Problems inside one file were reported while loading.
public enum ContentValidator {
    public static func validate(_ content: LoadedContent, log: DiagnosticLog) -> Province? {
        let localities = content.localities.sorted { UTF8Order.precedes($0.id, $1.id) }
        // Sorted by keys made once: a key is two strings joined, and made in
        // every comparison it was ~1.6 M strings nationally.
        let officialKeys = content.officials.map(\.key)
        let officials = content.officials.indices.sorted { UTF8Order.precedes(officialKeys[$0], officialKeys[$1]) }
            .map { content.officials[$0] }
        let localityIDs = Set(localities.map(\.id))
        let localityList = localities.map(\.id)
        let productIDs = content.products.keys.sorted()

        // Ids whose pages would land on a page the site already has (decision 90).
        for locality in localities where SitePaths.isReservedLocalityID(locality.id) {
            log.error(locality.file, 0, 0, "locality file name \"\(locality.id)\" is the address of a page of the localities list "
                      + "(\(SitePaths.localities)\(locality.id)/): rename the file")
        }
        for official in officials where SitePaths.reservedOfficialIDs.contains(official.id) {
            log.error(official.file, 0, 0, "official file name \"\(official.id)\" is the address of a page of the locality "
                      + "(\(SitePaths.locality(official.locality))\(official.id)/): rename the file")
        }

        for locality in localities {
            for adj in locality.normAdjustments where content.products[adj.product] == nil {
                log.error(locality.file, adj.line, 0,
                          "norm adjustment names unknown product \"\(adj.product)\"\(Suggestion.hint(for: adj.product, in: productIDs))")
            }
        }

        // Commitments' fields are read in place (`officials[oi].commitments[ci]`)
        // in the loops below: `for c in official.commitments` copied each one
        // (a dozen strings retained and released), 275,000 nationally, per loop.
        for oi in officials.indices {
            for ci in officials[oi].commitments.indices {
                if let product = officials[oi].commitments[ci].product, content.products[product] == nil {
                    let c = officials[oi].commitments[ci]
                    log.error(officials[oi].file, c.referenceLines["product"] ?? c.line, 0,
                              "commitment \"\(c.id)\": unknown product \"\(product)\"\(Suggestion.hint(for: product, in: productIDs))")
                }
                for partner in officials[oi].commitments[ci].partners
                where !localityIDs.contains(partner) && !content.unloadedLocalities.contains(partner) {
                    let c = officials[oi].commitments[ci]
                    log.error(officials[oi].file, c.referenceLines["partner:" + partner] ?? c.line, 0,
                              "commitment \"\(c.id)\": unknown partner \"\(partner)\"\(Suggestion.hint(for: partner, in: localityList))")
                }
            }
        }

        guard let site = content.site, let framework = content.framework else { return nil }

        // Audits: resolve `ID` (unique in the province) or `LOCALITY/ID`.
        var byID: [String: [String]] = [:]
        for o in officials { byID[o.id, default: []].append(o.key) }
        let keys = Set(officials.map(\.key))
        var unloadedByID: [String: [String]] = [:]
        for key in content.unloadedOfficials {
            unloadedByID[String(key.split(separator: "/").last ?? ""), default: []].append(key)
        }
        var audits: [Audit] = []
        for entry in content.audits {
            var key: String?
            let parts = entry.officialRef.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2 {
                if keys.contains(entry.officialRef) {
                    key = entry.officialRef
                } else if content.unloadedOfficials.contains(entry.officialRef) {
                    // Its own file's error says why; no second, misleading message here.
                } else {
                    log.error(entry.file, entry.refLine, entry.refColumn, "audit names unknown official \"\(entry.officialRef)\"")
                }
            } else if parts.count == 1 {
                let matches = byID[entry.officialRef] ?? []
                let unloaded = unloadedByID[entry.officialRef] ?? []
                if matches.count == 1, unloaded.isEmpty {
                    key = matches[0]
                } else if !unloaded.isEmpty, matches.count <= 1 {
                    // The official (or a namesake that would make the id ambiguous) failed to
                    // load; its file's error is reported, this reference is not judged.
                } else if matches.isEmpty {
                    log.error(entry.file, entry.refLine, entry.refColumn,
                              "audit names unknown official \"\(entry.officialRef)\"\(Suggestion.hint(for: entry.officialRef, in: Array(byID.keys).sorted()))")
                } else {
                    log.error(entry.file, entry.refLine, entry.refColumn,
                              "official \"\(entry.officialRef)\" is ambiguous: write one of \(matches.joined(separator: ", "))")
                }
            }
            if case let .cap(band) = entry.action, framework.bandIndex(id: band) == nil {
                log.error(entry.file, entry.actionLine, entry.actionColumn,
                          "audit cap \"\(band)\" is not a band of the framework\(Suggestion.hint(for: band, in: framework.bands.map(\.id)))")
                continue
            }
            guard let key else { continue }
            audits.append(Audit(official: key, officialRef: entry.officialRef, by: entry.by, on: entry.on,
                                finding: entry.finding, action: entry.action, reference: entry.reference,
                                file: entry.file, line: entry.line))
        }

        if framework.criteria.isEmpty {
            log.error(framework.file, 0, 0, "the framework has no valid criteria")
        }
        // A commitment reported done whose own numbers say otherwise is published
        // with both (pages) and flagged for the editor here (decision 57).
        let localityByID = Dictionary(localities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for oi in officials.indices {
            for ci in officials[oi].commitments.indices where officials[oi].commitments[ci].status == .done {
                let c = officials[oi].commitments[ci]
                // Every dated fact counts here: check runs without a publication date.
                let target = Province.effectiveTarget(of: c, products: content.products,
                                                      locality: localityByID[officials[oi].locality], asOf: .distantFuture)
                guard let gap = c.doneShortfall(target: target, asOf: .distantFuture) else { continue }
                log.warning(officials[oi].file, c.referenceLines["status"] ?? c.line, 0,
                            "commitment \"\(c.id)\" is marked done but \(gap.englishReason); the page shows both")
            }
        }
        // Site-relative evidence must point at a published static file.
        let published = Set(content.staticFiles.map { "/" + $0.dropFirst("static/".count) })
        for oi in officials.indices {
            for ci in officials[oi].commitments.indices {
                for ui in officials[oi].commitments[ci].updates.indices {
                    guard let e = officials[oi].commitments[ci].updates[ui].evidence, e.hasPrefix("/") else { continue }
                    let path = String(e.split(separator: "#", maxSplits: 1)[0].split(separator: "?", maxSplits: 1)[0])
                    if !published.contains(path) {
                        let c = officials[oi].commitments[ci]
                        log.warning(officials[oi].file, c.line, 0,
                                    "commitment \"\(c.id)\": evidence \(path) is not a file under static/; the link will not work")
                    }
                }
            }
        }
        if log.hasErrors { return nil }
        var province = Province(root: content.root, site: site, framework: framework, products: content.products,
                        localities: localities, officials: officials, audits: audits,
                        feedbackFiles: content.feedbackFiles, inputFiles: content.inputFiles)
        // Field lines serve only the diagnostics above: a dictionary per
        // commitment (275,000 nationally) is not carried through the build.
        for i in province.officials.indices {
            for j in province.officials[i].commitments.indices { province.officials[i].commitments[j].referenceLines = [:] }
        }
        province.staticFiles = content.staticFiles
        province.inputBytes = content.inputBytes
        province.auditEntries = content.audits
        return province
    }
}
