//! Chart rendering (being written).
