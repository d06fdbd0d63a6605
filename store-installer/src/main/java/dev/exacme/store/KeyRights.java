package dev.exacme.store;

/** What an access rule lets an account do with a private key. */
public enum KeyRights {
    /** Use the key and change who may use it. */
    FULL_CONTROL,
    /** Use the key (sign, decrypt), nothing else. */
    READ,
    /** Some rights, but neither of the above in full. */
    PARTIAL
}
