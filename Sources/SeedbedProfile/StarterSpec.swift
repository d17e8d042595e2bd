public import SeedbedSpec

/// What `seedbed init` asks for.
public struct StarterSpecOptions: Sendable {
    /// The `dataset` name.
    public var datasetName: String
    /// The profile's path as the spec's header names it: relative to the spec's folder.
    public var profilePath: String
    /// How the source is profiled (privacy defaults as `seedbed profile`); its `spec` is
    /// replaced by the references found, so the profile holds their fan-out.
    public var profile = ProfileOptions()
    /// The fewest rows a suggested rule must apply to.
    public var minSupport = 30
    /// Implications and exclusions suggested per table, strongest first.
    public var maximumRulesPerTable = 20
    /// The keys a database declares; `nil` to guess them from names and prove them on the data.
    public var schema: SourceSchema?

    public init(datasetName: String, profilePath: String) {
        self.datasetName = datasetName
        self.profilePath = profilePath
    }
}

/// A spec a person can start from, written from a real source: a table per source table with
/// its row count, every column with its type and a `from profile` generator, keys, references,
/// guessed privacy tags, and candidate rules mined from the data as commented-out suggestions.
///
/// ```swift
/// let starter = try StarterSpec.make(from: try CSVSource(path: "exports/"), options: options)
/// try starter.profile.save(to: "lending.profile.json")
/// try starter.text.write(toFile: "lending.seed", atomically: true, encoding: .utf8)
/// ```
public struct StarterSpec: Sendable {
    /// The spec file: the printed spec with comments explaining each guess, then the suggestions.
    public var text: String
    /// The spec without its comments and suggestions.
    public var syntax: SpecFile
    /// The source's profile, under the spec's names.
    public var profile: Profile
    /// Candidate rules, in the order they are written.
    public var suggestions: [MinedRule]
    /// Names the spec could not hold and changed.
    public var renames: [SpecRename]
    /// References the spec leaves out, and why (`table.column: …`).
    public var notes: [String]
    /// Whether keys and references were guessed from the data rather than declared.
    public var keysGuessed: Bool

    /// Profiles a source, mines it for rules and writes the starter spec.
    ///
    /// Reads each table several times, always streaming: for a source without a schema, once
    /// for key candidates and once more for reference candidates; then the profiler's passes;
    /// then one pass for the rules.
    ///
    /// - Parameters:
    ///   - source: The tables to start from.
    ///   - options: Names, privacy and mining thresholds, and the declared keys if any.
    /// - Returns: The spec text, its syntax tree, the profile under the spec's names, and
    ///   what was suggested, renamed or left out.
    /// - Throws: `ProfileError` when the source cannot be read or is malformed.
    public static func make(
        from source: some ProfileSource, options: StarterSpecOptions
    ) throws(ProfileError) -> StarterSpec {
        let tables = try source.tables()
        let keysGuessed = options.schema == nil
        let schema: SourceSchema
        if let declared = options.schema {
            schema = declared
        } else {
            schema = try guessSchema(source, tables: tables)
        }
        var profileOptions = options.profile
        profileOptions.spec = referenceSkeleton(tables, schema: schema)
        let profile = try Profiler(options: profileOptions).profile(source)

        let tableNames = specNames(for: tables.map(\.name))
        var plans = zip(tables, tableNames).map { table, name in
            TablePlan(
                table, name: name, profile: profile.table(named: table.name), schema: schema, guessed: keysGuessed)
        }
        let notes = resolveReferences(&plans, schema: schema, guessed: keysGuessed)

        var suggestions: [MinedRule] = []
        let mining = RuleMining(minSupport: options.minSupport, maximumPerTable: options.maximumRulesPerTable)
        for plan in plans where !plan.columns.isEmpty {
            guard let tableProfile = profile.table(named: plan.source.name) else { continue }
            suggestions += try mining.mine(
                plan.source, in: source, profile: tableProfile, specTable: plan.name,
                specColumns: plan.columns.map(\.name),
                excluded: Set(plan.columns.indices.filter { plan.columns[$0].isIdentifier }))
        }
        for index in suggestions.indices { suggestions[index].rule.id = Identifier(RuleMining.id(index + 1)) }

        let syntax = spec(plans, options: options)
        let text = render(
            syntax, plans: plans, suggestions: suggestions,
            header: Header(source: profile.source, keysGuessed: keysGuessed, minSupport: options.minSupport))
        var renames: [SpecRename] = []
        var columnNames: [String: [String: String]] = [:]
        for plan in plans {
            if plan.name != plan.source.name {
                renames.append(SpecRename(table: plan.name, column: nil, original: plan.source.name))
            }
            for column in plan.columns {
                columnNames[plan.source.name, default: [:]][column.sourceName] = column.name
                if column.name != column.sourceName {
                    renames.append(SpecRename(table: plan.name, column: column.name, original: column.sourceName))
                }
            }
        }
        let renamedProfile = profile.renamed(
            tables: Dictionary(plans.map { ($0.source.name, $0.name) }, uniquingKeysWith: { first, _ in first }),
            columns: columnNames)
        return StarterSpec(
            text: text, syntax: syntax, profile: renamedProfile, suggestions: suggestions, renames: renames,
            notes: notes, keysGuessed: keysGuessed)
    }

    /// The references alone, under source names: what the profiler needs for fan-out.
    static func referenceSkeleton(_ tables: [SourceTable], schema: SourceSchema) -> SpecFile? {
        guard !schema.foreignKeys.isEmpty else { return nil }
        let items = tables.map { table in
            Item.table(
                TableDecl(
                    name: Identifier(table.name), rows: nil,
                    columns: schema.foreignKeys.filter { $0.table == table.name }.map { key in
                        ColumnDecl(
                            name: Identifier(key.column), type: TypeName(name: Identifier("int")),
                            modifiers: [
                                Located(
                                    .references(
                                        table: Identifier(key.parentTable), column: Identifier(key.parentColumn)))
                            ])
                    }))
        }
        return SpecFile(dataset: nil, items: items)
    }
}

// MARK: - Plans

/// What the spec says about one source column, before it becomes syntax.
struct ColumnPlan {
    let sourceName: String
    let name: String
    let type: ValueType
    let profile: ColumnProfile?
    var isKey = false
    var isUnique = false
    /// The referenced table's and column's positions in the plans.
    var reference: (table: Int, column: Int)?
    var tag: Modifier?
    /// The profile's share of nulls, for `nullable`.
    var nullShare: Double?
    /// Never read for rules: pii, keys, unique columns, references and id-named columns.
    var isIdentifier = false
    /// Why the spec says what it says, written after the column.
    var notes: [String] = []
}

struct TablePlan {
    let source: SourceTable
    let name: String
    let rows: Int
    var columns: [ColumnPlan]

    init(_ table: SourceTable, name: String, profile: TableProfile?, schema: SourceSchema, guessed: Bool) {
        source = table
        self.name = name
        rows = profile?.rows ?? 0
        let names = StarterSpec.specNames(for: table.columns.map(\.name))
        columns = zip(table.columns, names).map { column, name in
            Self.plan(column, name: name, table: table.name, profile: profile, schema: schema, guessed: guessed)
        }
    }

    private static func plan(
        _ column: SourceColumn, name: String, table: String, profile: TableProfile?, schema: SourceSchema,
        guessed: Bool
    ) -> ColumnPlan {
        let columnProfile = profile?.column(named: column.name)
        var plan = ColumnPlan(
            sourceName: column.name, name: name, type: columnProfile?.valueType ?? column.declaredType ?? .text,
            profile: columnProfile)
        if name != column.name { plan.notes.append("renamed from \(StarterSpec.quotedForComment(column.name))") }
        let nulls = columnProfile?.nulls ?? 0
        if schema.primaryKeys[table] == column.name {
            if nulls > 0 {
                plan.notes.append("not a key: the primary key holds nulls")
            } else {
                plan.isKey = true
                if guessed { plan.notes.append("key: an integer named like an id, never null or repeated") }
            }
        } else if schema.uniqueColumns[table]?.contains(column.name) == true {
            plan.isUnique = true
        }
        if let rate = columnProfile?.nullRate, rate > 0, !plan.isKey { plan.nullShare = rate }
        let namedLikeID = StarterSpec.idStem(column.name) != nil
        if let reason = columnProfile?.shapeOnly {
            // A text key is unique, so the profiler calls it free text; that alone is no person.
            if !(plan.isKey || plan.isUnique) || reason != "free text" {
                plan.tag = .pii
                plan.notes.append("pii: \(reason)")
            }
        } else if !plan.isKey, !plan.isUnique, !namedLikeID,
            let guess = StarterSpec.guessedTag(forColumnNamed: column.name)
        {
            plan.tag = guess.tag
            plan.notes.append("\(guess.tag.keyword): named like '\(guess.word)'")
        }
        plan.isIdentifier = columnProfile?.shapeOnly != nil || plan.isKey || plan.isUnique || namedLikeID
        return plan
    }
}
