package it.gamma;

/** The application of module gamma. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("gamma");
    }
}
