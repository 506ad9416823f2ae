package dev.envflow.activities.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the server holds under an environment's identifier, and whether envflow owns it. A role is envflow's
 * when it carries envflow's comment; a database is envflow's when it carries the comment or is owned by
 * envflow's role (a create interrupted between {@code CREATE DATABASE} and {@code COMMENT} leaves that state).
 */
record PostgresOwnership(boolean roleExists, boolean roleOwned, boolean databaseExists, boolean databaseOwned) {

  static PostgresOwnership inspect(Connection admin, String identifier, String marker) throws SQLException {
    String roleComment = null;
    boolean roleExists = false;
    try (PreparedStatement statement = admin.prepareStatement(
        "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = ?")) {
      statement.setString(1, identifier);
      try (ResultSet rows = statement.executeQuery()) {
        if (rows.next()) {
          roleExists = true;
          roleComment = rows.getString(1);
        }
      }
    }
    boolean roleOwned = roleExists && marker.equals(roleComment);
    boolean databaseExists = false;
    boolean databaseOwned = false;
    try (PreparedStatement statement = admin.prepareStatement(
        "SELECT shobj_description(d.oid, 'pg_database'), pg_get_userbyid(d.datdba) FROM pg_database d WHERE d.datname = ?")) {
      statement.setString(1, identifier);
      try (ResultSet rows = statement.executeQuery()) {
        if (rows.next()) {
          databaseExists = true;
          databaseOwned = marker.equals(rows.getString(1)) || (roleOwned && identifier.equals(rows.getString(2)));
        }
      }
    }
    return new PostgresOwnership(roleExists, roleOwned, databaseExists, databaseOwned);
  }

  /** True when a role or database of the name exists that envflow did not create. */
  boolean conflicts() {
    return (roleExists && !roleOwned) || (databaseExists && !databaseOwned);
  }

  String conflictDescription(String identifier) {
    if (roleExists && !roleOwned) {
      return "a PostgreSQL role named " + identifier + " already exists and was not created by envflow";
    }
    return "a PostgreSQL database named " + identifier + " already exists and was not created by envflow";
  }
}
