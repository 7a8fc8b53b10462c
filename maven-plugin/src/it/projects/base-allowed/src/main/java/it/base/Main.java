package it.base;

public class Main {
    public static void main(String[] args) {
        System.out.println("on an allowed base");
    }
}
