package dev.exacme.lifecycle.importing.certify;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteOpenMode;

/**
 * The {@code (id, json)} rows of one table of another program's SQLite database, read without
 * writing a byte to it or beside it.
 *
 * <p>{@code mode=ro} alone is not enough: Certify keeps its databases in WAL mode, and a
 * read-only connection to a WAL database creates {@code -wal} and {@code -shm} files beside it
 * and leaves them there (seen with this driver). So the file is opened {@code immutable}: SQLite
 * then reads the main file only, takes no locks and creates nothing. That is right only while no
 * one writes, hence the checks around the read: a non-empty {@code -wal} or {@code -journal}
 * beside it means the owner has changes that are not in the main file yet (it is writing, or
 * stopped without closing), which is refused rather than read stale; and a main file whose size
 * or modification time changed during the read is read again.
 */
final class ReadOnlySqlite {

    /** How often a read that raced with a writer is tried. */
    private static final int ATTEMPTS = 3;

    /** One row. */
    record Row(String id, String json) {
    }

    /** The database could not be read as asked, in words for the administrator (without the file's content). */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private ReadOnlySqlite() {
    }

    /**
     * Every row of {@code table}, which must have the columns {@code id} and {@code json}.
     *
     * @param file  the database, which must exist
     * @param table the table
     * @param owner who writes the database, for messages ({@code Certify The Web})
     * @throws Unreadable when it is not an SQLite database, lacks the table, or is being written
     */
    static List<Row> rows(Path file, String table, String owner) throws Unreadable, IOException {
        for (int attempt = 1; ; attempt++) {
            refuseUnmergedChanges(file, owner);
            var before = Stamp.of(file);
            var rows = readOnce(file, table);
            if (Stamp.of(file).equals(before)) {
                return rows;
            }
            if (attempt == ATTEMPTS) {
                throw new Unreadable(file + " changed " + ATTEMPTS + " times while it was read: " + owner
                        + " is writing it; stop the " + owner + " service and try again.");
            }
        }
    }

    /**
     * The URI SQLite opens: the absolute path percent-encoded after {@code file://}, read-only and
     * immutable. A Windows path {@code C:\x} becomes {@code file:///C:/x}, SQLite's documented form.
     */
    static String uri(String absolutePath, char separator) {
        var slashed = absolutePath.replace(separator, '/');
        if (!slashed.startsWith("/")) {
            slashed = "/" + slashed;
        }
        var encoded = new StringBuilder();
        for (byte b : slashed.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            // '?' and '#' would end the path, '%' would start an escape: everything not plainly safe is escaped.
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~:".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return "file://" + encoded + "?mode=ro&immutable=1";
    }

    private static List<Row> readOnce(Path file, String table) throws Unreadable, IOException {
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        var source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + uri(file.toAbsolutePath().normalize().toString(),
                file.getFileSystem().getSeparator().charAt(0)));
        try (var connection = source.getConnection()) {
            checkTable(connection, file, table);
            var rows = new ArrayList<Row>();
            // The table name is one of ours, never input.
            try (var statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT id, json FROM " + table)) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw notRead(file, e);
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("the SQLite driver's native library cannot be loaded here (" + e.getMessage()
                    + "); it is unpacked into java.io.tmpdir, which must be writable and allow running code");
        }
    }

    private static void checkTable(Connection connection, Path file, String table) throws SQLException, Unreadable {
        var columns = new ArrayList<String>();
        try (var statement = connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            statement.setString(1, table);
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (!columns.contains("id") || !columns.contains("json")) {
            throw new Unreadable(file + " is an SQLite database without the table " + table + " (id, json)"
                    + (columns.isEmpty() ? "" : "; its " + table + " has " + String.join(", ", columns)) + ".");
        }
    }

    /** What the database is not, as {@link Unreadable}, or else the failure to read as it is. */
    private static IOException notRead(Path file, SQLException e) throws Unreadable {
        var code = e instanceof org.sqlite.SQLiteException sqlite ? sqlite.getResultCode() : null;
        if (code == SQLiteErrorCode.SQLITE_NOTADB) {
            throw new Unreadable(file + " is not an SQLite database.");
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_CORRUPT_INDEX
                || code == SQLiteErrorCode.SQLITE_CORRUPT_SEQUENCE || code == SQLiteErrorCode.SQLITE_CORRUPT_VTAB) {
            throw new Unreadable(file + " is a damaged SQLite database (" + code.message + ").");
        }
        return new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }

    private static void refuseUnmergedChanges(Path file, String owner) throws Unreadable, IOException {
        for (var suffix : List.of("-wal", "-journal")) {
            var beside = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(beside) && Files.size(beside) > 0) {
                throw new Unreadable(owner + " has changes to " + file.getFileName() + " that are still in "
                        + beside.getFileName() + " (it is writing, or was stopped without closing the database):"
                        + " stop the " + owner + " service, which merges them when it closes the database, and"
                        + " try again. Nothing was changed.");
            }
        }
    }

    /** What tells that a file changed: its size and modification time. */
    private record Stamp(long size, FileTime modified) {
        static Stamp of(Path file) throws IOException {
            return new Stamp(Files.size(file), Files.getLastModifiedTime(file));
        }
    }
}
