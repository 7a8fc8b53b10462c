package it.budget;

/** The only class of the image. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("within budget");
    }
}
