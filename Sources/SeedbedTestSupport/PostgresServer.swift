import Foundation
import Glibc

/// Why the private PostgreSQL server could not start (tests skip with it, or fail when `CI=true`).
public struct PostgresServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}

/// A private PostgreSQL server for one test process: a fresh data directory under a temporary
/// directory, `initdb` with trust authentication (UTF8, locale C), started on a free loopback port
/// with its unix socket in that directory, as the `postgres` OS user when the tests run as root
/// (initdb refuses root), and stopped and removed when the process exits.
///
/// Start-up is made fast at the expense of durability (fsync and full-page writes off): the data
/// lives only as long as the test process.
public final class PostgresServer: Sendable {
    /// The superuser every test connects as (trust over loopback and the socket).
    public static let superuser = "postgres"
    /// A role that must authenticate with SCRAM over TCP, for the password tests.
    public static let passwordRole = "seedbed_password"
    public static let passwordRolePassword = "Pa55-w0rd:with@odd/chars"

    /// The server of this test process, started on first use.
    public static let shared: Result<PostgresServer, PostgresServerError> = Result {
        () throws(PostgresServerError) -> PostgresServer in
        let server = try PostgresServer.start()
        atexit { PostgresServer.stopShared() }
        return server
    }

    public let port: Int
    /// The temporary directory holding the data directory, the log and the unix socket.
    public let directory: String
    public let binaries: String
    private let runsAsRoot: Bool

    private init(port: Int, directory: String, binaries: String, runsAsRoot: Bool) {
        self.port = port
        self.directory = directory
        self.binaries = binaries
        self.runsAsRoot = runsAsRoot
    }

    /// The unix socket's directory (libpq's `host` for a socket connection).
    public var socketDirectory: String { directory }

    // MARK: - Databases

    /// A fresh database of the test server, with a unique name.
    public struct TestDatabase: Sendable {
        public var name: String
        public var port: Int
        /// `postgresql://postgres@127.0.0.1:PORT/NAME`.
        public var uri: String { "postgresql://\(PostgresServer.superuser)@127.0.0.1:\(port)/\(name)" }
        /// The same database as `passwordRole`, with `password` in the URI (percent-encoded).
        public func uri(password: String) -> String {
            let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password
            return "postgresql://\(PostgresServer.passwordRole):\(encoded)@127.0.0.1:\(port)/\(name)"
        }
    }

    /// Creates a database of its own for one test.
    public func makeDatabase() throws(PostgresServerError) -> TestDatabase {
        let name = "seedbed_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try psql("CREATE DATABASE \(name)", database: "postgres")
        return TestDatabase(name: name, port: port)
    }

    /// Runs SQL through psql as the superuser and returns its unaligned, tuples-only output
    /// (fields separated by `|`, one row a line): a check on what landed that does not go through
    /// the code under test.
    public func psql(_ sql: String, database: String) throws(PostgresServerError) -> String {
        let result = try Self.run(
            "\(binaries)/psql",
            [
                "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", String(port),
                "-U", Self.superuser, "-d", database, "-c", sql,
            ], asPostgres: false)
        guard result.status == 0 else {
            throw PostgresServerError("psql failed (\(result.status)) on '\(sql)': \(result.output)")
        }
        return result.output
    }

    // MARK: - Start and stop

    private static func start() throws(PostgresServerError) -> PostgresServer {
        let binaries = try findBinaries()
        removeAbandonedServers(binaries: binaries)
        let runsAsRoot = geteuid() == 0
        let directory =
            FileManager.default.temporaryDirectory.path + "/seedbed-pg-"
            + String(UUID().uuidString.prefix(8)).lowercased()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if runsAsRoot {
                try FileManager.default.setAttributes(
                    [.ownerAccountName: "postgres", .groupOwnerAccountName: "postgres"], ofItemAtPath: directory)
            }
        } catch {
            throw PostgresServerError("cannot prepare \(directory): \(error)")
        }
        // A crashed test process runs no atexit handler: the next one stops what it left.
        try? String(getpid()).write(toFile: directory + "/owner.pid", atomically: true, encoding: .utf8)
        let data = directory + "/data"
        let initdb = try run(
            "\(binaries)/initdb",
            [
                "-D", data, "-U", superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
                "--no-instructions",
            ], asPostgres: runsAsRoot)
        guard initdb.status == 0 else {
            try? FileManager.default.removeItem(atPath: directory)
            throw PostgresServerError("initdb failed (\(initdb.status)): \(initdb.output)")
        }
        do {
            try configure(data: data, socketDirectory: directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        // Another process may take the free port between the probe and the bind: try a few.
        var failures: [String] = []
        for _ in 0..<4 {
            let port = try freePort()
            let started = try run(
                "\(binaries)/pg_ctl",
                ["start", "-w", "-t", "60", "-D", data, "-l", directory + "/server.log", "-o", "-p \(port)"],
                asPostgres: runsAsRoot)
            if started.status == 0 {
                let server = PostgresServer(
                    port: port, directory: directory, binaries: binaries, runsAsRoot: runsAsRoot)
                _ = try server.psql(
                    "CREATE ROLE \(passwordRole) LOGIN PASSWORD '\(passwordRolePassword)'", database: "postgres")
                return server
            }
            let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
            failures.append("port \(port): \(started.output) \(log.suffix(400))")
        }
        try? FileManager.default.removeItem(atPath: directory)
        throw PostgresServerError("pg_ctl start failed: \(failures.joined(separator: "; "))")
    }

    /// Speed over durability, loopback only, and SCRAM for the password role.
    private static func configure(data: String, socketDirectory: String) throws(PostgresServerError) {
        let settings = """

            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(socketDirectory)'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            shared_buffers = 32MB
            max_connections = 200
            password_encryption = 'scram-sha-256'
            logging_collector = off

            """
        let hba = """
            local all all trust
            host all \(passwordRole) 127.0.0.1/32 scram-sha-256
            host all all 127.0.0.1/32 trust

            """
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(settings.utf8))
            try handle.close()
            try Data(hba.utf8).write(to: URL(fileURLWithPath: data + "/pg_hba.conf"))
        } catch {
            throw PostgresServerError("cannot configure \(data): \(error)")
        }
    }

    /// Stops and removes the servers of test processes that died without stopping theirs.
    private static func removeAbandonedServers(binaries: String) {
        let temporary = FileManager.default.temporaryDirectory.path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        for entry in entries where entry.hasPrefix("seedbed-pg-") {
            let directory = temporary + "/" + entry
            guard let text = try? String(contentsOfFile: directory + "/owner.pid", encoding: .utf8),
                let owner = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                kill(owner, 0) != 0 && errno == ESRCH
            else { continue }
            _ = try? run(
                "\(binaries)/pg_ctl", ["stop", "-m", "immediate", "-w", "-D", directory + "/data"],
                asPostgres: geteuid() == 0)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    fileprivate static func stopShared() {
        guard case .success(let server) = shared else { return }
        _ = try? run(
            "\(server.binaries)/pg_ctl", ["stop", "-m", "immediate", "-w", "-D", server.directory + "/data"],
            asPostgres: server.runsAsRoot)
        try? FileManager.default.removeItem(atPath: server.directory)
    }

    /// `pg_config --bindir` (Debian's /usr/bin/pg_config names /usr/lib/postgresql/N/bin), or the
    /// newest /usr/lib/postgresql/N/bin holding a server.
    private static func findBinaries() throws(PostgresServerError) -> String {
        var candidates: [String] = []
        for pgConfig in ["/usr/bin/pg_config", "/usr/local/bin/pg_config", "/usr/local/pgsql/bin/pg_config"]
        where FileManager.default.isExecutableFile(atPath: pgConfig) {
            if let result = try? run(pgConfig, ["--bindir"], asPostgres: false), result.status == 0 {
                candidates.append(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        guard
            let found = candidates.first(where: {
                FileManager.default.isExecutableFile(atPath: $0 + "/initdb")
                    && FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl")
            })
        else {
            throw PostgresServerError(
                "no PostgreSQL server binaries (initdb, pg_ctl) found via pg_config --bindir or in /usr/lib/postgresql; install the postgresql package"
            )
        }
        return found
    }

    /// A loopback TCP port nobody listens on right now.
    private static func freePort() throws(PostgresServerError) -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PostgresServerError("socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw PostgresServerError("cannot bind a loopback port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    // MARK: - Processes

    /// Runs a program to its end and returns its exit status and its output (stdout and stderr
    /// together); as the `postgres` OS user through runuser when asked.
    ///
    /// posix_spawn and waitpid rather than Foundation's Process, whose `waitUntilExit` can hang
    /// forever on Linux once the child (pg_ctl) leaves a daemon behind.
    static func run(
        _ executable: String, _ arguments: [String], asPostgres: Bool
    ) throws(PostgresServerError) -> (status: Int32, output: String) {
        // The caller's PG* variables (PGHOST, PGOPTIONS, …) must not redirect the test server's tools.
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        return try run(executable, arguments, asPostgres: asPostgres, environment: environment)
    }

    /// Runs a program with exactly `environment`, to its end: its exit status and its output
    /// (stdout and stderr together). For tests that need variables set in a child process only.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]
    ) throws(PostgresServerError) -> (status: Int32, output: String) {
        try run(executable, arguments, asPostgres: false, environment: environment)
    }

    private static func run(
        _ executable: String, _ arguments: [String], asPostgres: Bool, environment: [String: String]
    ) throws(PostgresServerError) -> (status: Int32, output: String) {
        var argv = [executable] + arguments
        if asPostgres {
            let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
            guard let runuser else {
                throw PostgresServerError("running as root, and runuser is missing to start PostgreSQL as 'postgres'")
            }
            argv = [runuser, "-u", "postgres", "--"] + argv
        }
        let variables = environment.map { "\($0.key)=\($0.value)" }
        var pipe: [Int32] = [0, 0]
        guard pipe.withUnsafeMutableBufferPointer({ Glibc.pipe($0.baseAddress) }) == 0 else {
            throw PostgresServerError("pipe() failed: errno \(errno)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = variables.map { strdup($0) } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw PostgresServerError("cannot run \(argv[0]): error \(spawned)")
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, $0.count) }
            if count > 0 {
                output += chunk[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(pipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, String(decoding: output, as: UTF8.self))
    }
}
