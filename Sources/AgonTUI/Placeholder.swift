public enum AgonTUIPlaceholder {}
