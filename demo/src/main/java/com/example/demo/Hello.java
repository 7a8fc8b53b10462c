package com.example.demo;

/** The demo's application: what it does matters less than the image it ships in. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("Hello from a hygienic image");
    }
}
