package nl.kamerstroom.ingest.upload;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import nl.kamerstroom.access.IssuedKey;

/** A key that may upload letters, issued by the operator ({@link nl.kamerstroom.access.KeyScope#UPLOAD}). */
@Entity
@Table(name = "upload_key")
public class UploadKey extends IssuedKey {
}
