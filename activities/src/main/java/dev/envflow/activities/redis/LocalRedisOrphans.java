package dev.envflow.activities.redis;

import dev.envflow.activities.sweep.FoundResource;
import dev.envflow.activities.sweep.Mark;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.activities.sweep.Presence;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The local Redis server as the orphan sweep sees it: the users in envflow's registry of the ACL users it made
 * ({@link RedisOwnedUsers}), including an entry whose user is already gone (a create interrupted before
 * {@code ACL SETUSER}, or a user deleted by hand: deleting the orphan then removes its keys and the entry). Deleting
 * goes through the provider's own checks, so a user missing from the registry is never touched.
 */
final class LocalRedisOrphans implements OrphanFinder {

  private final LocalRedisProvider provider;

  LocalRedisOrphans(LocalRedisProvider provider) {
    this.provider = provider;
  }

  @Override
  public String provider() {
    return LocalRedisProvider.PROVIDER;
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.REDIS_USER);
  }

  @Override
  public List<FoundResource> owned(Set<String> environmentNames) {
    List<FoundResource> found = new ArrayList<>();
    try (Jedis jedis = provider.adminConnection()) {
      Map<String, String> registered = new TreeMap<>(new RedisOwnedUsers(jedis).all());
      registered.forEach((user, environmentId) -> {
        if (RedisAclRules.isSafeName(user)) {
          String evidence = "ACL user " + user + " is in envflow's registry " + RedisOwnedUsers.HASH + " (for "
              + environmentId + ")" + (jedis.aclGetUser(user) == null ? ", though the user itself is gone" : "");
          found.add(new FoundResource(ResourceKind.REDIS_USER.name(), provider(), user, user, Mark.ENVFLOW, evidence,
              Optional.empty()));
        }
      });
    } catch (JedisDataException e) {
      throw provider.adminFailure(e, "listing the Redis users envflow made");
    }
    return found;
  }

  @Override
  public Presence presence(Resource recorded) {
    try (Jedis jedis = provider.adminConnection()) {
      return jedis.aclGetUser(recorded.name()) == null ? Presence.GONE : Presence.PRESENT;
    } catch (JedisDataException e) {
      throw provider.adminFailure(e, "looking for Redis user " + recorded.name());
    }
  }

  @Override
  public void delete(FoundResource orphan) {
    provider.dropOwned(orphan.name());
  }

  @Override
  public void forgetSecrets(FoundResource orphan) {
    provider.forgetSecrets(orphan.name());
  }
}
