package it.alpha;

/** The application of module alpha. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("alpha");
    }
}
