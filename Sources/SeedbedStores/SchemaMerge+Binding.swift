extension SchemaMerge.Binding {
    /// A binding made by hand, for readers that find a dataset's tables in a database without a
    /// spec to merge (`seedbed verify` binds a certificate's tables by name).
    public init(
        specTable: String, boundTo table: TableName, columnNames: [String: String], declaredTypes: [String: String],
        exists: Bool
    ) {
        self.specTable = specTable
        self.table = table
        self.columnNames = columnNames
        self.declaredTypes = declaredTypes
        self.exists = exists
    }
}
