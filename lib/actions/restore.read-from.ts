// Which storage a restore and its preview read the backup from, as the wizard asked, checked on the server.
import { restoreReadPlace, type ReadPlace } from "../db/copies";
import { Invalid } from "../errors";
import { NO_COMPLETED_COPY } from "../jobs/read-from";

/** Where to read `backupSetId` from: where it was written, or a completed copy; anything else is refused. */
export async function checkedReadPlace(backupSetId: string, fromStorageTargetId: string | undefined): Promise<ReadPlace> {
  const place = await restoreReadPlace(backupSetId, fromStorageTargetId);
  if (!place) throw new Invalid(NO_COMPLETED_COPY, { fromStorageTargetId: "no completed copy" });
  return place;
}

/** The job parameter: present only when reading from a copy, so "where it was written" has one spelling. */
export function readFromParam(place: ReadPlace): { fromStorageTargetId?: string } {
  return place.copy ? { fromStorageTargetId: place.storageTargetId } : {};
}

/** For audit details: "offsite (S3), a copy" / "primary (LOCAL), where it was written". */
export function readFromDetail(place: ReadPlace): string {
  return `${place.name} (${place.kind}), ${place.copy ? "a copy" : "where it was written"}`;
}
