public enum Snapshot {}
