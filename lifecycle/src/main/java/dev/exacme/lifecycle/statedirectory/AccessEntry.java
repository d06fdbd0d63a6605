package dev.exacme.lifecycle.statedirectory;

import java.util.Objects;

/**
 * One entry of a directory's access list, in the terms the protection decision needs,
 * whatever platform it was read on.
 *
 * @param principal   who the entry is for: a SID ({@code S-1-5-32-545}) on Windows;
 *                    {@code user:NAME}, {@code group:NAME} or {@code others} on POSIX systems
 * @param allow       false for a deny entry
 * @param rights      what the entry grants or denies
 * @param inherited   whether it was taken from the parent directory rather than set on this one
 * @param inheritable whether files and directories created inside receive it (on Windows
 *                    {@code OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE}; never on POSIX systems)
 * @param detail      the raw form for people: an access mask with icacls-style flags, or a mode
 */
public record AccessEntry(String principal, boolean allow, Rights rights, boolean inherited, boolean inheritable,
                          String detail) {

    /** What an entry lets its principal do with the directory and what is in it. */
    public enum Rights {
        /** Everything, including changing the access list. */
        FULL,
        /** At least read what is in it (list the directory, read the files), but not everything. */
        READ,
        /** Some rights, none of them reading: write, delete, traverse, read the access list... */
        OTHER
    }

    /** Checks that nothing is missing. */
    public AccessEntry {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(detail, "detail");
    }

    /** An explicit allow entry, as exacme writes them. */
    public static AccessEntry allowed(String principal, Rights rights, boolean inheritable) {
        return new AccessEntry(principal, true, rights, false, inheritable, "");
    }
}
