package dev.envflow.worker.api;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.preflight.ProviderCatalog;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which providers this worker can serve, and for the others why not (never a credential). */
@RestController
public class ProviderController {

  private final ProviderCatalog catalog;

  public ProviderController(ProviderCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/api/providers")
  public Map<String, List<ProviderAvailability>> providers() {
    return Map.of("providers", catalog.providers());
  }
}
