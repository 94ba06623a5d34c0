package io.lethe.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LetheServer {
  public static void main(String[] args) {
    SpringApplication.run(LetheServer.class, args);
  }
}
