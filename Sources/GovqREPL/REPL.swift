/// The interactive loop (stub: filled in on GNU readline).
import GovqEngine

public enum REPLPlaceholder {}
