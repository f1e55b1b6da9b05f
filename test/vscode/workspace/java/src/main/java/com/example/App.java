package com.example;

/** Calls the payments API with a key read from the environment. */
public final class App {
    private App() {}

    public static void main(String[] args) {
        String region = System.getenv("AWS_REGION");
        String k = System.getenv("API_KEY");
        System.out.println("region " + region + ", key of " + k.length() + " characters");
    }
}
