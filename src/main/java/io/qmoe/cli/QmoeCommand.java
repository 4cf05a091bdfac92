package io.qmoe.cli;
public class QmoeCommand { public static void main(String[] a) { System.out.println("hi"); } }
