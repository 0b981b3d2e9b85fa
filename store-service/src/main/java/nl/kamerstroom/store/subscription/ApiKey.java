package nl.kamerstroom.store.subscription;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import nl.kamerstroom.access.IssuedKey;

/** A caller of the subscriptions API, issued by an operator ({@link nl.kamerstroom.access.KeyScope#SUBSCRIPTIONS}). */
@Entity
@Table(name = "api_key")
public class ApiKey extends IssuedKey {
}
