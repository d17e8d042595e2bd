/// Generates large, valid spec files for benchmarks.
///
/// A benchmark of the checker is only meaningful on input that looks like what teams write:
/// many related tables, columns of every generator kind and type, privacy tags, correlations,
/// rules of every form reaching through parent tables, and scenarios. The text is a pure
/// function of its arguments, so runs and machines compare like with like.
///
/// ```swift
/// let text = SpecCorpus.realisticSpec(lines: 10_000)
/// let result = Checker().check(source: text, file: "bench.seed")
/// ```
public enum SpecCorpus {
    /// A spec of exactly `lines` lines (at least one business unit of three tables).
    ///
    /// The spec is built from business units of three related tables (account → order →
    /// line), each with its rules and scenarios; every rule is satisfiable on its own and
    /// together with the others, so the checker runs its full analysis rather than stopping
    /// at an error. Comment lines fill the remainder up to `lines`.
    ///
    /// - Parameter lines: how many lines the spec has; a trailing newline ends the last one.
    /// - Returns: the spec text.
    /// - Complexity: O(`lines`).
    public static func realisticSpec(lines: Int) -> String {
        var out: [String] = []
        out.reserveCapacity(lines + UnitTemplate.approximateLineCount)
        out += header()
        var unit = 0
        repeat {
            let block = UnitTemplate(index: unit).lines()
            // Always include the first unit, so even a tiny request is a meaningful spec.
            if unit > 0 && out.count + block.count > lines { break }
            out += block
            unit += 1
        } while out.count < lines
        while out.count < lines {
            out.append("# padding to an exact line count (\(out.count + 1) of \(lines))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func header() -> [String] {
        [
            "# bench.seed: a synthetic multi-unit retail book, generated for benchmarks",
            "dataset bench",
            "  version \"1.0.0\"",
            "  as of 2026-01-01",
            "  seed 7",
            "  profile \"profiles/bench.json\"",
            "",
        ]
    }
}

/// One business unit: three tables linked by `references`, fifteen rules and two scenarios.
struct UnitTemplate {
    static let approximateLineCount = 110

    let index: Int

    private static let providers = [
        "person.name", "person.first_name", "person.last_name", "company.name", "address.street",
        "address.city",
    ]

    func lines() -> [String] {
        let u = "u\(index)"
        let id = "U\(index)"
        let account = "\(u)_account"
        let order = "\(u)_order"
        let line = "\(u)_line"
        // Vary sizes and parameters a little, as real units differ.
        let rows = 1_000 + (index * 379) % 9_000
        let fanOut = 1.5 + Double(index % 7) / 2
        let median = 40_000 + (index % 11) * 2_500
        let holder = Self.providers[index % Self.providers.count]
        return [
            "# ---- unit \(index): accounts, orders and order lines ----",
            "",
            "table \(account) {",
            "  rows \(rows)",
            "  id            int         key",
            "  account_no    int         sequence(start: 1_000_000, step: 3)  unique",
            "  serial        int         sequence",
            "  holder        text        fake \(holder)  pii",
            "  email         text        fake internet.email  unique  pii",
            "  phone         text        fake phone.number  nullable 15%  pii",
            "  city          text        fake address.city  quasi-identifier",
            "  postcode      text        pattern \"[0-9]{4}\"  quasi-identifier",
            "  opened        date        uniform(2015-01-01, 2025-12-31)",
            "  birth_date    date        uniform(1940-01-01, 2007-12-31)  quasi-identifier",
            "  age           int         = years_between(birth_date, as_of())",
            "  segment       text        one of { retail: 0.7, business: 0.25, private: 0.05 }",
            "  tier          text        one of { bronze, silver, gold }",
            "  credit_score  int         normal(mean: 680, sd: 60)  min 300  max 850  sensitive",
            "  income        decimal(2)  lognormal(median: \(median), sigma: 0.6)  min 0",
            "  risk          float       normal(mean: 0.2, sd: 0.05)  min 0  max 1",
            "  region_code   int         from profile",
            "  active        bool        one of { true: 0.9, false: 0.1 }",
            "  last_login    timestamp   uniform(2025-01-01T00:00:00Z, 2025-12-31T23:59:59Z)  nullable 5%",
            "  external_ref  uuid        unique",
            "  correlate income, credit_score 0.3",
            "}",
            "",
            "table \(order) {",
            "  rows per \(account) poisson(\(fanOut))",
            "  id          int         key",
            "  account_id  int         references \(account).id",
            "  placed      date        uniform(2020-01-01, 2025-12-31)",
            "  shipped     date        uniform(2020-01-01, 2025-12-31)  nullable 8%",
            "  lead_days   int         = days_between(placed, shipped)",
            "  channel     text        one of { web: 0.55, app: 0.3, phone: 0.1, store: 0.05 }",
            "  items       int         poisson(2.4)",
            "  total       decimal(2)  lognormal(median: 85, sigma: 0.9)  min 1",
            "  discount    decimal(2)  uniform(0, 0.3)",
            "  net         decimal(2)  = total * (1 - discount)",
            "  note        text        fake lorem.sentence  nullable 70%",
            "  status      text        one of { placed: 0.1, shipped: 0.75, cancelled: 0.1, returned: 0.05 }",
            "  correlate total, items 0.5",
            "}",
            "",
            "table \(line) {",
            "  rows per \(order) one of { 1: 0.5, 2: 0.3, 3: 0.2 }",
            "  id          int         key",
            "  order_id    int         references \(order).id",
            "  sku         text        pattern \"SKU-[A-Z]{3}-[0-9]{5}\"",
            "  quantity    int         uniform(1, 10)",
            "  unit_price  decimal(2)  lognormal(median: 25, sigma: 1.0)  min 0.5",
            "  amount      decimal(2)  = quantity * unit_price",
            "  supplier    text        fake company.name",
            "}",
            "",
            "rule \(id)-ELIG-001 eligibility \"Account holders are adults\"",
            "  require \(account).age >= 18",
            "",
            "rule \(id)-ELIG-002 eligibility \"Private banking needs an income of 100,000\"",
            "  when \(account).segment = \"private\"",
            "  require \(account).income >= 100_000",
            "",
            "rule \(id)-CO-003 co-occurrence \"Gold tier is not for retail accounts\"",
            "  when \(account).tier = \"gold\"",
            "  forbid \(account).segment = \"retail\"",
            "",
            "rule \(id)-ELIG-004 eligibility \"Business accounts are held by people over 21\"",
            "  when lower(\(account).segment) = \"business\"",
            "  forbid \(account).age < 21",
            "",
            "rule \(id)-IMP-005 impossible \"Credit scores stay on the bureau's scale\"",
            "  forbid \(account).credit_score not between 300 and 850",
            "",
            "rule \(id)-IMP-006 impossible \"Orders ship on or after they are placed\"",
            "  forbid \(order).shipped < \(order).placed",
            "",
            "rule \(id)-IMP-007 impossible \"No order before the account was opened\"",
            "  forbid \(order).placed < \(account).opened",
            "",
            "rule \(id)-CO-008 co-occurrence \"Cancelled orders never ship\"",
            "  when \(order).status in { \"cancelled\", \"placed\" }",
            "  require \(order).shipped is null",
            "",
            "rule \(id)-CO-009 co-occurrence \"App orders come from active accounts\"",
            "  when \(order).channel = \"app\"",
            "  require \(account).active = true",
            "",
            "rule \(id)-CO-010 co-occurrence \"December orders ship within a week\"",
            "  when month(\(order).placed) = 12",
            "  require \(order).lead_days <= 7",
            "",
            "rule \(id)-IMP-011 impossible \"Discounts never raise the price\"",
            "  forbid \(order).net > \(order).total or abs(\(order).discount) > 0.3",
            "",
            "rule \(id)-IMP-012 impossible \"No bulk line of luxury goods\"",
            "  forbid \(line).quantity > 5 and \(line).unit_price > 1000",
            "",
            "rule \(id)-CO-013 co-occurrence \"Returned consumer orders have small lines\"",
            "  when \(order).status = \"returned\" and \(account).segment != \"business\"",
            "  require \(line).quantity <= 5",
            "",
            "rule \(id)-IMP-014 impossible \"Postcodes are four digits\"",
            "  require length(\(account).postcode) = 4 and upper(\(account).postcode) = \(account).postcode",
            "",
            "rule \(id)-IMP-015 impossible \"No expensive line in bulk\"",
            "  forbid max(\(line).unit_price, 1) > 5_000 and min(\(line).quantity, 10) > 2",
            "",
            "scenario \(id)-EDGE-ADULT \"Account holders who have just turned 18\"",
            "  count 10 of \(account)",
            "  where \(account).age = 18 and \(account).segment = \"retail\"",
            "",
            "scenario \(id)-LATE-SHIP \"Orders shipped more than 30 days after placing\"",
            "  share 1% of \(order)",
            "  where \(order).status = \"shipped\" and \(order).lead_days > 30 and year(\(order).placed) < 2025",
            "",
        ]
    }
}
