"""What the machine refused, in German: a full disk, a read-only folder, missing rights.

Such failures are nobody's bug and need no traceback: the person running the command needs to know
what to free, unlock or fix, and which file it concerns. Every command of the hub and the build's
hook print these lines instead of a traceback (``german_failure``); anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import errno

# The last line after a traceback: whoever reads it learns that their data is not the cause.
PROGRAM_FAULT = (
    "Das ist ein Fehler im Programm des Hubs, nicht in den Daten – bitte die Ausgabe oben in einem Issue melden."
)

_CAUSES = {
    errno.ENOSPC: "der Datenträger ist voll; Platz schaffen und erneut starten",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft; Platz schaffen und erneut starten",
    errno.EFBIG: "die Datei überschreitet die erlaubte Größe (Grenze des Systems oder Datenträger voll); "
    "Platz oder Grenze prüfen und erneut starten",
    errno.EROFS: "das Dateisystem ist schreibgeschützt; auf einer beschreibbaren Kopie arbeiten",
    errno.EACCES: "keine Berechtigung; die Rechte des Ordners oder der Datei prüfen (z. B. chmod u+w)",
    errno.EPERM: "keine Berechtigung; die Rechte des Ordners oder der Datei prüfen (z. B. chmod u+w)",
    errno.EMFILE: "zu viele offene Dateien; die Grenze erhöhen (ulimit -n) und erneut starten",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers; den Datenträger prüfen",
}


def german_failure(error: BaseException) -> str | None:
    """One German line for a failure of the machine (with the file it concerns); None for a bug."""
    if isinstance(error, KeyboardInterrupt):
        return "abgebrochen (Strg+C); was er schreiben sollte, ist unvollständig – den Befehl erneut starten."
    if isinstance(error, MemoryError):
        return "der Arbeitsspeicher reicht nicht; andere Programme schließen und erneut starten."
    if not isinstance(error, OSError) or error.errno not in _CAUSES:
        return None
    where = f" ({error.filename})" if error.filename else ""
    return f"Schreiben oder Lesen fehlgeschlagen{where}: {_CAUSES[error.errno]}."
