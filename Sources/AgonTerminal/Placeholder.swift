import CNcurses
public enum AgonTerminalPlaceholder {}
