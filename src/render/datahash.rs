//! The digest of a page's template data, taken straight from its
//! `Serialize` impl: every value is fed to XXH3-128 as a tag byte and its
//! bytes (strings with their length), sequences and maps closed by a tag
//! of their own, so that different data gives a different byte stream.
//! No JSON text is made: hashing the data as JSON escaped every string and
//! fed the hasher a few bytes at a time (~4 % of a build's CPU at N = 100,
//! half of it in `serialize_str`).
//!
//! The stream is not JSON's, so these digests differ from the ones an
//! older build wrote; the render cache's key names the code that made it
//! (`PLANSITE_SOURCE_ID`), so an old cache is never compared with them.

use serde::ser::{self, Serialize};
use std::cell::RefCell;

thread_local! {
    /// Each thread's stream buffer, kept between pages.
    static STREAM: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The most of a page's stream held at once: a longer stream is fed to
/// the hasher in pieces of about this size. XXH3 gives the same digest
/// for the whole stream in one call and in pieces. Gathered whole, the
/// full text's stream (~40 MB at N = 100) grew its buffer by doubling and
/// copying: ~75 MB of fresh memory for the two languages' full texts.
const PIECE: usize = 256 << 10;

/// XXH3-128 of `value`'s serialized data. The stream is gathered in a
/// buffer and hashed in one call (in pieces of [`PIECE`] bytes when
/// longer): fed to the streaming hasher a few bytes at a time it cost
/// twice as much (the digest is the same either way).
pub(super) fn digest<T: Serialize + ?Sized>(value: &T) -> Result<[u8; 16], Error> {
    STREAM.with_borrow_mut(|buf| {
        let mut h = Hasher {
            buf: std::mem::take(buf),
            long: None,
        };
        h.buf.clear();
        let done = value.serialize(&mut h);
        let digest = match &mut h.long {
            Some(state) => {
                state.update(&h.buf);
                state.digest128()
            }
            None => xxhash_rust::xxh3::xxh3_128(&h.buf),
        };
        // A page with one long string can leave a long buffer: not kept.
        if h.buf.capacity() <= 2 * PIECE {
            *buf = h.buf;
        }
        done.map(|()| digest.to_le_bytes())
    })
}

/// Never made: every value can be hashed. `Serialize` impls may still
/// return a custom error of their own.
#[derive(Debug)]
pub(super) struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: std::fmt::Display>(msg: M) -> Self {
        Error(msg.to_string())
    }
}

/// The byte stream of a value being hashed: the part not yet hashed, and
/// the hasher's state once a part was.
struct Hasher {
    buf: Vec<u8>,
    long: Option<Box<xxhash_rust::xxh3::Xxh3Default>>,
}

impl Hasher {
    fn tag(&mut self, tag: u8, bytes: &[u8]) {
        self.buf.push(tag);
        self.buf.extend_from_slice(bytes);
        self.hash_if_full();
    }

    /// A tag, then `bytes` with their length before them.
    fn sized(&mut self, tag: u8, bytes: &[u8]) {
        self.buf.push(tag);
        self.buf
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.buf.extend_from_slice(bytes);
        self.hash_if_full();
    }

    fn hash_if_full(&mut self) {
        if self.buf.len() >= PIECE {
            let state = self.long.get_or_insert_with(Default::default);
            state.update(&self.buf);
            self.buf.clear();
        }
    }
}

type Done = Result<(), Error>;

/// Integers: a tag and the little-endian bytes, the narrower ones widened
/// first (as JSON text did not tell them apart either).
macro_rules! integers {
    ($($method:ident: $ty:ty => $wide:ty, $tag:literal;)*) => {
        $(fn $method(self, v: $ty) -> Done {
            self.tag($tag, &<$wide>::from(v).to_le_bytes());
            Ok(())
        })*
    };
}

impl ser::Serializer for &mut Hasher {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.tag(b'b', &[u8::from(v)]);
        Ok(())
    }
    integers! {
        serialize_i8: i8 => i64, b'i';
        serialize_i16: i16 => i64, b'i';
        serialize_i32: i32 => i64, b'i';
        serialize_i64: i64 => i64, b'i';
        serialize_i128: i128 => i128, b'I';
        serialize_u8: u8 => u64, b'u';
        serialize_u16: u16 => u64, b'u';
        serialize_u32: u32 => u64, b'u';
        serialize_u64: u64 => u64, b'u';
        serialize_u128: u128 => u128, b'U';
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.tag(b'f', &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.tag(b'c', &u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.sized(b's', v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.sized(b'y', v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(b'n', &[]);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(b'S', &[]);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(b'0', &[]);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Done {
        self.sized(b'v', variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.sized(b'V', variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(b'[', &[]);
        Ok(self)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.sized(b'V', variant.as_bytes());
        self.serialize_seq(None)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(b'{', &[]);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.sized(b'V', variant.as_bytes());
        self.serialize_map(None)
    }
}

/// Sequences and tuples: the items, then `]`.
impl ser::SerializeSeq for &mut Hasher {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(b']', &[]);
        Ok(())
    }
}

/// Tuples of every kind are hashed as sequences.
macro_rules! as_seq {
    ($kind:ident, $item:ident) => {
        impl ser::$kind for &mut Hasher {
            type Ok = ();
            type Error = Error;
            fn $item<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Done {
                ser::SerializeSeq::end(self)
            }
        }
    };
}

as_seq!(SerializeTuple, serialize_element);
as_seq!(SerializeTupleStruct, serialize_field);
as_seq!(SerializeTupleVariant, serialize_field);

/// Maps and structs: key and value after key and value, then `}`. A
/// struct's field names are hashed as keys, so that data of another shape
/// never hashes as this one.
impl ser::SerializeMap for &mut Hasher {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(b'}', &[]);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Hasher {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.sized(b's', key.as_bytes());
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        ser::SerializeMap::end(self)
    }
}

impl ser::SerializeStructVariant for &mut Hasher {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Done {
        ser::SerializeMap::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::digest;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Para {
        id: String,
        html: String,
        notice: Option<String>,
        tags: Vec<String>,
    }

    fn para(id: &str, html: &str, notice: Option<&str>, tags: &[&str]) -> Para {
        Para {
            id: id.into(),
            html: html.into(),
            notice: notice.map(Into::into),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn equal_data_gives_equal_digests_and_any_change_another() {
        let d = |p: &Para| digest(p).expect("digest");
        let base = para("c01-s1-p1", "<p>一</p>", None, &["a", "b"]);
        assert_eq!(
            d(&base),
            d(&para("c01-s1-p1", "<p>一</p>", None, &["a", "b"]))
        );
        let changed = [
            para("c01-s1-p2", "<p>一</p>", None, &["a", "b"]),
            para("c01-s1-p1", "<p>二</p>", None, &["a", "b"]),
            para("c01-s1-p1", "<p>一</p>", Some(""), &["a", "b"]),
            // the same bytes, split differently between neighbours
            para("c01-s1-p1<p>", "一</p>", None, &["a", "b"]),
            para("c01-s1-p1", "<p>一</p>", None, &["ab"]),
            para("c01-s1-p1", "<p>一</p>", None, &["a", "b", ""]),
            para("c01-s1-p1", "<p>一</p>", None, &["b", "a"]),
        ];
        let mut all: Vec<[u8; 16]> = changed.iter().map(d).collect();
        all.push(d(&base));
        all.sort();
        all.dedup();
        assert_eq!(
            all.len(),
            changed.len() + 1,
            "every variant has its own digest"
        );
    }

    #[test]
    fn a_long_stream_hashed_in_pieces_gives_the_one_call_digest() {
        // Strings of odd lengths, one longer than a piece, so that pieces
        // end in the middle of tags, lengths and text.
        let mut items: Vec<String> = (0..5000).map(|i| "页x".repeat(i % 97)).collect();
        items.insert(1234, "y".repeat(super::PIECE + 5));
        let mut stream = vec![b'['];
        for s in &items {
            stream.push(b's');
            stream.extend_from_slice(&(s.len() as u64).to_le_bytes());
            stream.extend_from_slice(s.as_bytes());
        }
        stream.push(b']');
        assert!(stream.len() > 4 * super::PIECE, "{} bytes", stream.len());
        let whole = xxhash_rust::xxh3::xxh3_128(&stream).to_le_bytes();
        assert_eq!(digest(&items).expect("digest"), whole);
        // A short stream after a long one starts afresh.
        let short = vec!["a".to_string()];
        let one = xxhash_rust::xxh3::xxh3_128(b"[s\x01\0\0\0\0\0\0\0a]").to_le_bytes();
        assert_eq!(digest(&short).expect("digest"), one);
    }

    #[test]
    fn nesting_and_kinds_are_part_of_the_digest() {
        // [[1], []] and [[], [1]] hold the same items in the same order.
        let a: Vec<Vec<u32>> = vec![vec![1], vec![]];
        let b: Vec<Vec<u32>> = vec![vec![], vec![1]];
        assert_ne!(digest(&a).expect("a"), digest(&b).expect("b"));
        // a map and the same pairs as a list of tuples; a number and its text
        let map: BTreeMap<&str, u32> = [("k", 1)].into();
        let pairs = vec![("k", 1u32)];
        assert_ne!(digest(&map).expect("map"), digest(&pairs).expect("pairs"));
        assert_ne!(digest(&1u32).expect("1"), digest("1").expect("'1'"));
    }
}
