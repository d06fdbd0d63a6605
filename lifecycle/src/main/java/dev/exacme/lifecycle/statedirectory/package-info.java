/**
 * The protection of exacme's state directory: readable only by SYSTEM and Administrators on
 * Windows (a protected DACL; not yet run on Windows), mode 0700 for the running account on
 * POSIX systems. {@link dev.exacme.lifecycle.statedirectory.StateDirectoryProtection} decides
 * and repairs; {@link dev.exacme.lifecycle.statedirectory.DirectoryAcl} reads and writes one
 * platform's access lists.
 */
package dev.exacme.lifecycle.statedirectory;
