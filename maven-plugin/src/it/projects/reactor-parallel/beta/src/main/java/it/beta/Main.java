package it.beta;

/** The application of module beta. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("beta");
    }
}
