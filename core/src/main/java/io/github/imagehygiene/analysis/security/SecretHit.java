package io.github.imagehygiene.analysis.security;

/**
 * A secret found in a file's content. The value itself is never kept: only its masked form.
 *
 * @param kind   what it is
 * @param detail what more the content says, e.g. the PEM armour "OPENSSH PRIVATE KEY"; "" otherwise
 * @param line   1-based line number
 * @param masked the value's first four characters, then {@code ****} ({@link SecretPatterns#mask(String)})
 */
public record SecretHit(SecretPatterns.Kind kind, String detail, int line, String masked) {

    /** "private key (OPENSSH PRIVATE KEY)", "AWS access key id". */
    public String description() {
        return detail.isEmpty() ? kind.label() : kind.label() + " (" + detail + ")";
    }
}
