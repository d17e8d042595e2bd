import Foundation
import SeedbedProfile
import SeedbedTestSupport
import Testing

@Suite("Profile files")
struct ProfileLoadTests {
    static let csv =
        "id,city,amount,day\n"
        + (1...60).map { "\($0),\(["Oslo", "Rome", "Lima"][$0 % 3]),\(Double($0) * 1.5),2024-01-\(10 + $0 % 20)" }
        .joined(separator: "\n")

    @Test func everyStatisticRoundTrips() throws {
        for epsilon in [nil, 2.0] {
            let original = try profile(Self.csv, minCount: 5, epsilon: epsilon, seed: epsilon == nil ? nil : 3)
            let folder = try TemporaryDirectory()
            let path = folder.url.appendingPathComponent("p.json").path
            try original.save(to: path)
            #expect(try Profile.load(path: path) == original)
        }
    }

    /// The error `text` gives after replacing `old` with `new` in a valid profile's JSON.
    func error(replacing old: String, with new: String) throws -> String? {
        let json = String(decoding: try profile(Self.csv).json(), as: UTF8.self)
        #expect(json.contains(old), "the fixture has no \(old)")
        do {
            _ = try Profile.decode(Data(json.replacingOccurrences(of: old, with: new).utf8), file: "p.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func anotherFormatVersionIsRefused() throws {
        #expect(
            try error(replacing: "seedbed-profile/2", with: "seedbed-profile/3")
                == "p.json: unsupported format 'seedbed-profile/3' (this seedbed reads seedbed-profile/1 and seedbed-profile/2; regenerate the profile with this version)"
        )
        #expect(
            try error(replacing: "\"format\" : \"seedbed-profile/2\",", with: "")
                == "p.json: no \"format\" field: not a Seedbed profile (regenerate it with seedbed profile)")
    }

    @Test func hostileValuesAreNamedByTheirPath() throws {
        #expect(
            try error(replacing: "\"rows\" : 60", with: "\"rows\" : -1")
                == "p.json: tables[0].rows: must not be negative (regenerate it with seedbed profile)")
        #expect(
            try error(replacing: "\"nullRate\" : 0", with: "\"nullRate\" : NaN")?.hasPrefix("p.json: ") == true)
        #expect(
            try error(replacing: "\"type\" : \"int\"", with: "\"type\" : \"integer\"")
                == "p.json: tables[0].columns[0].type: unknown type 'integer' (regenerate it with seedbed profile)")
        #expect(
            try error(replacing: "\"rows\" : 60", with: "\"rows\" : \"sixty\"")?.hasPrefix("p.json: tables[0].rows: ")
                == true)
    }

    @Test func unsortedQuantilesAreRefused() throws {
        var value = try profile(Self.csv)
        value.tables[0].columns[0].numeric?.quantiles.swapAt(3, 90)
        #expect(throws: ProfileError.self) { try Profile.decode(try value.json()) }
        let data = try value.json()
        do {
            _ = try Profile.decode(data, file: "p.json")
        } catch {
            #expect(
                error.description
                    == "p.json: tables[0].columns[0].numeric.quantiles[4]: quantiles must be sorted in ascending order (regenerate it with seedbed profile)"
            )
        }
    }

    @Test func hugeArraysAndAsymmetricMatricesAreRefused() throws {
        var value = try profile(Self.csv)
        value.tables[0].columns[0].numeric?.quantiles = [Double](repeating: 1, count: 20_000)
        #expect(throws: ProfileError.self) { try Profile.decode(try value.json()) }
        var skewed = try profile(Self.csv)
        skewed.tables[0].copula?.correlation[0][1] = 0.5
        skewed.tables[0].copula?.correlation[1][0] = -0.5
        #expect(throws: ProfileError.self) { try Profile.decode(try skewed.json()) }
    }

    @Test func notJSONAtAll() throws {
        #expect(
            throws: ProfileError(
                .invalidProfile, at: "p.json", "not a JSON object", fix: "regenerate it with seedbed profile")
        ) {
            try Profile.decode(Data("rows,1\n".utf8), file: "p.json")
        }
    }
}
