package dev.envflow.activities.redis;

import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * envflow's record of the ACL users it created on a Redis server: a hash in the admin's keyspace from user
 * name to environment id. Redis ACLs carry no comment, so this is how a rerun tells its own user from
 * someone else's.
 */
final class RedisOwnedUsers {

  static final String HASH = "envflow:owned-acl-users";

  private final Jedis admin;

  RedisOwnedUsers(Jedis admin) {
    this.admin = admin;
  }

  Optional<String> ownerOf(String user) {
    return Optional.ofNullable(admin.hget(HASH, user));
  }

  /** Every registered user, with the id of the environment it was made for. */
  Map<String, String> all() {
    return admin.hgetAll(HASH);
  }

  void claim(String user, String environmentId) {
    admin.hset(HASH, user, environmentId);
  }

  void release(String user) {
    admin.hdel(HASH, user);
  }
}
