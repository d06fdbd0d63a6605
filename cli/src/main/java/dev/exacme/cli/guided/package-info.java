/**
 * Guided setup: the questions {@code exacme setup exchange} asks at a terminal when its
 * options are missing, and the commands the answers stand for.
 */
package dev.exacme.cli.guided;
