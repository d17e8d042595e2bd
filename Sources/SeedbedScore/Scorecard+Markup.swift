import SeedbedSpec

extension Scorecard {
    static func escaped(_ text: String) -> String { XMLText.escaped(text) }

    /// JUnit XML: a suite of gates, one of rules (a violated rule fails, a coverage gap is
    /// skipped) and one of scenarios, so any CI shows them beside the tests.
    public func junit() -> String {
        struct Case {
            var classname: String
            var name: String
            var failure: (message: String, detail: String)?
            var skipped: String?
        }
        let gateCases = gates.map { result in
            Case(
                classname: "seedbed.gates", name: result.gate.description,
                failure: result.passed
                    ? nil
                    : (
                        "\(result.gate): \(Self.gateValue(result))\(result.value == nil ? result.reason.map { ": \($0)" } ?? "" : "")",
                        "policy line \(result.gate.location)"
                    ))
        }
        let ruleCases = conformance.rules.map { rule in
            Case(
                classname: "seedbed.rules.\(rule.table)", name: rule.id + (rule.title.map { " \($0)" } ?? ""),
                failure: rule.violations == 0
                    ? nil
                    : (
                        "\(rule.violations) of \(rule.checked) rows of \(rule.table) violate \(rule.id)",
                        "example keys: \(rule.examples.joined(separator: ", "))"
                    ),
                skipped: rule.violations == 0 && rule.isCoverageGap
                    ? "coverage gap: the rule's condition never held on \(rule.checked) rows" : nil)
        }
        let scenarioCases = conformance.scenarios.map { scenario in
            Case(
                classname: "seedbed.scenarios.\(scenario.table)",
                name: scenario.id + (scenario.title.map { " \($0)" } ?? ""),
                failure: scenario.isMet
                    ? nil
                    : (
                        "\(scenario.satisfying) rows satisfy \(scenario.id), the quota is \(scenario.quota)",
                        "lineage: \(scenario.lineage.map(String.init) ?? "none")"
                    ))
        }
        let suites = [("gates", gateCases), ("rules", ruleCases), ("scenarios", scenarioCases)]
        let total = suites.reduce(0) { $0 + $1.1.count }
        let failures = suites.reduce(0) { $0 + $1.1.count { $0.failure != nil } }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"seedbed score\" tests=\"\(total)\" failures=\"\(failures)\">\n"
        for (name, cases) in suites {
            let failed = cases.count { $0.failure != nil }
            let skipped = cases.count { $0.skipped != nil }
            out +=
                "  <testsuite name=\"\(name)\" tests=\"\(cases.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            for item in cases {
                let head =
                    "    <testcase classname=\"\(Self.escaped(item.classname))\" name=\"\(Self.escaped(item.name))\""
                if let failure = item.failure {
                    out += head + ">\n"
                    out +=
                        "      <failure message=\"\(Self.escaped(failure.message))\">\(Self.escaped(failure.detail))</failure>\n"
                    out += "    </testcase>\n"
                } else if let skipped = item.skipped {
                    out += head + ">\n      <skipped message=\"\(Self.escaped(skipped))\"/>\n    </testcase>\n"
                } else {
                    out += head + "/>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// One self-contained HTML page (no scripts, no outside resources), every text escaped.
    public func html() -> String {
        func row(_ cells: [String], header: Bool = false) -> String {
            let tag = header ? "th" : "td"
            return "<tr>" + cells.map { "<\(tag)>\(Self.escaped($0))</\(tag)>" }.joined() + "</tr>"
        }
        func table(_ head: [String], _ rows: [[String]], failing: [Bool]) -> String {
            var out = "<table>\n" + row(head, header: true) + "\n"
            for (cells, failed) in zip(rows, failing) {
                out +=
                    (failed ? "<tr class=\"fail\">" : "<tr>")
                    + cells.map { "<td>\(Self.escaped($0))</td>" }.joined() + "</tr>\n"
            }
            return out + "</table>\n"
        }
        var body = "<h1>Seedbed scorecard: \(passed ? "passed" : "failed")</h1>\n"
        body += "<p>\(Self.escaped(dataset)), spec \(Self.escaped(spec))</p>\n"
        body += "<p class=\"small\">\(Self.escaped(definitions))</p>\n"
        body += "<p class=\"\(passed ? "verdict pass" : "verdict fail")\">\(Self.escaped(verdict))</p>\n"
        body += "<h2>Gates</h2>\n"
        body += table(
            ["gate", "value", "result"],
            gates.map {
                [
                    $0.gate.description,
                    Self.gateValue($0) + ($0.value == nil ? $0.reason.map { ": \($0)" } ?? "" : ""),
                    $0.passed ? "pass" : "fail",
                ]
            }, failing: gates.map { !$0.passed })
        body += "<h2>Rules</h2>\n"
        body += table(
            ["rule", "title", "table", "checked", "when held", "violations", "example keys"],
            conformance.rules.map {
                [
                    $0.id, $0.title ?? "", $0.table, String($0.checked),
                    String($0.fired) + ($0.isCoverageGap ? " (coverage gap)" : ""), String($0.violations),
                    $0.examples.joined(separator: ", "),
                ]
            }, failing: conformance.rules.map { $0.violations > 0 })
        if !conformance.scenarios.isEmpty {
            body += "<h2>Scenarios</h2>\n"
            body += table(
                ["scenario", "title", "table", "quota", "satisfying", "lineage"],
                conformance.scenarios.map {
                    [
                        $0.id, $0.title ?? "", $0.table, String($0.quota), String($0.satisfying),
                        $0.lineage.map(String.init) ?? "-",
                    ]
                }, failing: conformance.scenarios.map { !$0.isMet })
        }
        if let fidelity {
            body += "<h2>Fidelity (\(Self.escaped(fidelity.method)) \(Self.escaped(fidelity.baseline)))</h2>\n"
            let columns = fidelity.tables.flatMap { table in
                table.columns.map { [table.name + "." + $0.column, $0.metric, Self.score($0.score)] }
            }
            body += table(["column", "metric", "score"], columns, failing: columns.map { _ in false })
        }
        if !notes.isEmpty {
            body += "<h2>Notes</h2>\n<ul>\n" + notes.map { "<li>\(Self.escaped($0))</li>\n" }.joined() + "</ul>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>Seedbed scorecard: \(passed ? "passed" : "failed")</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin-bottom: 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
            tr.fail td { background: #fde8e8; }
            .verdict.pass { color: #17692c; font-weight: bold; }
            .verdict.fail { color: #a11; font-weight: bold; }
            .small { font-size: 0.85em; color: #555; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}
