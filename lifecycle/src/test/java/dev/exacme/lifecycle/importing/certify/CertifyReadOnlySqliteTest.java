package dev.exacme.lifecycle.importing.certify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite driver reads another program's database without leaving a trace: the bytes, the
 * modification time and the directory are the same afterwards, also for Certify's WAL-mode files,
 * where a plain {@code mode=ro} connection would create {@code -wal} and {@code -shm}.
 */
class CertifyReadOnlySqliteTest {

    @TempDir
    Path directory;

    @Test
    void readsTheRowsOfCertifysTableOldAndNew() throws Exception {
        var current = CertifyFixture.in(directory.resolve("new")).row("a", "{\"Name\":\"a\"}").row("b", "{}").build();
        var legacy = CertifyFixture.in(directory.resolve("old")).legacyTable().row("c", "{\"Name\":\"c\"}").build();

        assertEquals(List.of(new ReadOnlySqlite.Row("a", "{\"Name\":\"a\"}"), new ReadOnlySqlite.Row("b", "{}")),
                ReadOnlySqlite.rows(current, "manageditem", "Certify The Web"));
        assertEquals(List.of(new ReadOnlySqlite.Row("c", "{\"Name\":\"c\"}")),
                ReadOnlySqlite.rows(legacy, "manageditem", "Certify The Web"));
    }

    @Test
    void leavesTheDatabaseItsTimeAndItsDirectoryAsTheyWere() throws Exception {
        var database = CertifyFixture.in(directory).row("a", "{\"Name\":\"a\"}").build();
        // An old time, so that any write, even within the same second, would show.
        Files.setLastModifiedTime(database, FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
        var bytes = digest(database);
        var before = listing();
        assertTrue(isWalMode(database), "the fixture is in WAL mode as Certify's databases are");

        ReadOnlySqlite.rows(database, "manageditem", "Certify The Web");
        ReadOnlySqlite.rows(database, "manageditem", "Certify The Web");

        assertArrayEquals(bytes, digest(database));
        assertEquals(FileTime.from(Instant.parse("2024-05-01T10:00:00Z")), Files.getLastModifiedTime(database));
        assertEquals(before, listing(), "no -wal, -shm or -journal beside it");
    }

    @Test
    void refusesChangesStillInTheWriteAheadLogAndLeavesThemThere() throws Exception {
        var database = CertifyFixture.in(directory).row("a", "{}").build();
        try (var certify = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (var statement = certify.createStatement()) {
                statement.execute("PRAGMA wal_autocheckpoint=0");
                statement.execute("INSERT INTO manageditem (id, json) VALUES ('b', '{}')");
            }
            var wal = directory.resolve("manageditems.db-wal");
            var walBytes = digest(wal);

            var refusal = assertThrows(ReadOnlySqlite.Unreadable.class,
                    () -> ReadOnlySqlite.rows(database, "manageditem", "Certify The Web"));

            assertEquals("Certify The Web has changes to manageditems.db that are still in manageditems.db-wal (it is"
                    + " writing, or was stopped without closing the database): stop the Certify The Web service,"
                    + " which merges them when it closes the database, and try again. Nothing was changed.",
                    refusal.getMessage());
            assertArrayEquals(walBytes, digest(wal));
        }
        // Closed, Certify merges its log, and the read goes through with both rows.
        assertEquals(2, ReadOnlySqlite.rows(database, "manageditem", "Certify The Web").size());
    }

    @Test
    void aFileThatIsNotSqliteOrLacksTheTableIsSaidSo() throws Exception {
        var text = Files.writeString(directory.resolve("manageditems.json"), "[{\"Id\":\"a\"}]".repeat(100));
        var empty = Files.createFile(directory.resolve("empty.db"));
        var other = directory.resolve("other.db");
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + other);
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE manageditem (key TEXT, value TEXT)");
        }

        assertEquals(text + " is not an SQLite database.", assertThrows(ReadOnlySqlite.Unreadable.class,
                () -> ReadOnlySqlite.rows(text, "manageditem", "Certify The Web")).getMessage());
        assertEquals(empty + " is an SQLite database without the table manageditem (id, json).",
                assertThrows(ReadOnlySqlite.Unreadable.class,
                        () -> ReadOnlySqlite.rows(empty, "manageditem", "Certify The Web")).getMessage());
        assertEquals(other + " is an SQLite database without the table manageditem (id, json); its manageditem"
                + " has key, value.", assertThrows(ReadOnlySqlite.Unreadable.class,
                        () -> ReadOnlySqlite.rows(other, "manageditem", "Certify The Web")).getMessage());
        assertEquals(0, Files.size(empty), "the empty file stays empty");
    }

    @Test
    void thePathIsEscapedForSqlitesUriAndAWindowsPathTakesItsDocumentedForm() throws Exception {
        assertEquals("file:///C:/ProgramData/certify/manageditems.db?mode=ro&immutable=1",
                ReadOnlySqlite.uri("C:\\ProgramData\\certify\\manageditems.db", '\\'));
        assertEquals("file:///tmp/a%20b%23c%3Fd%25e%C3%BC/x.db?mode=ro&immutable=1",
                ReadOnlySqlite.uri("/tmp/a b#c?d%eü/x.db", '/'));

        var odd = directory.resolve("Certify data #1 ?100% ü");
        var database = CertifyFixture.in(odd).row("a", "{}").build();
        assertEquals(1, ReadOnlySqlite.rows(database, "manageditem", "Certify The Web").size());
    }

    @Test
    void theDriverUnpacksItsNativeLibraryIntoAnEmptyTemporaryDirectory() throws Exception {
        // A fresh JVM with a fresh java.io.tmpdir: what a first run on a new server does.
        var temporary = Files.createDirectory(directory.resolve("tmp"));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-Djava.io.tmpdir=" + temporary, "-cp",
                System.getProperty("java.class.path"), SqliteVersion.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM ends");
        var output = new String(process.getInputStream().readAllBytes()).strip();

        assertEquals(0, process.exitValue(), output);
        assertTrue(output.matches("native 3\\.\\d+\\.\\d+ .*sqlitejdbc.*"), output);
    }

    /**
     * Prints whether the driver runs natively, SQLite's version and what is in java.io.tmpdir while
     * it runs (the unpacked library is removed when the JVM ends); run in a child JVM.
     */
    public static final class SqliteVersion {
        public static void main(String[] arguments) throws Exception {
            try (var connection = DriverManager.getConnection("jdbc:sqlite::memory:");
                 var result = connection.createStatement().executeQuery("SELECT sqlite_version()")) {
                result.next();
                try (var unpacked = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                    System.out.println((org.sqlite.SQLiteJDBCLoader.isNativeMode() ? "native " : "pure ")
                            + result.getString(1) + " " + unpacked.map(file -> file.getFileName().toString()).toList());
                }
            }
        }
    }

    private List<String> listing() throws Exception {
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean isWalMode(Path database) throws Exception {
        // Byte 18 of the header is 2 for WAL (sqlite.org/fileformat2.html), read without opening it.
        return Files.readAllBytes(database)[18] == 2;
    }

    private static byte[] digest(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
