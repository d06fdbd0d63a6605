package dev.exacme.lifecycle.importing;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.util.List;

/**
 * Another ACME client's managed certificates, read (never changed) and mapped to exacme
 * definitions: win-acme's renewal files, Certify The Web's database.
 */
public interface ImportSource {

    /** The tool's name, for people ({@code win-acme}, {@code Certify The Web}). */
    String tool();

    /**
     * Every certificate the tool manages, mapped or refused one by one: a damaged entry is a
     * refusal of that entry, not of the others.
     *
     * @throws InvalidRequest when the source itself cannot be read (missing directory or file, not the tool's format)
     * @throws IOException    when reading fails
     */
    List<ImportedCertificate> read(ImportDefaults defaults) throws InvalidRequest, IOException;
}
