//! The server's state equals what importing all the files on one device gives, whatever the
//! order they arrive in: a property over random files and random orders, through the server's
//! own upload path and database.

mod common;

use common::*;
use proptest::prelude::*;
use qianshou_core::exchange::import;
use qianshou_core::model::records::*;
use qianshou_core::storage::repo::{Record, Records};
use qianshou_server::store::Db;
use qianshou_server::upload::{Outcome, Uploads};

/// One version of a record in a file: which record, when it was last edited, whether deleted,
/// and a note that tells copies of the same time apart.
#[derive(Debug, Clone)]
struct Version {
    record: usize,
    hour: u32,
    deleted: bool,
    note: u8,
}

fn version() -> impl Strategy<Value = Version> {
    // Few records and few hours, so that files often disagree and sometimes tie.
    (0..5usize, 0..3u32, any::<bool>(), 0..3u8).prop_map(|(record, hour, deleted, note)| Version {
        record,
        hour,
        deleted,
        note,
    })
}

/// A file: villages 0..3 (any of them may be deleted), an organisation (record 3) and a pairing
/// of village 0 with it (record 4); the file carries its partners with the pairing, and those
/// partners are never deleted, so every file is valid in every order.
fn build(versions: &[Version]) -> Records {
    let t = |hour: u32| at(&format!("2026-11-0{}T09:00:00+08:00", hour + 1));
    let mut r = Records::default();
    let partner_village = |r: &mut Records| {
        let mut v = Village::new(nid(1, 0), t(0));
        v.name = "第0村".into();
        let mut n = Need::new(nid(2, 0), Category::Agritech);
        n.description = "种植指导".into();
        v.needs.push(n);
        r.villages.entry(v.id.clone()).or_insert(v);
    };
    let partner_org = |r: &mut Records| {
        let mut o = Organization::new(nid(3, 0), t(0));
        o.name = "协会".into();
        let mut c = Capability::new(nid(4, 0), Category::Agritech);
        c.description = "技术".into();
        o.capabilities.push(c);
        r.organizations.entry(o.id.clone()).or_insert(o);
    };
    for v in versions {
        let note = format!("第{}版", v.note);
        match v.record {
            0..=2 => {
                let mut village = Village::new(nid(1, v.record as u64), t(v.hour));
                village.name = format!("第{}村", v.record);
                village.notes = note;
                let mut n = Need::new(nid(2, v.record as u64), Category::Agritech);
                n.description = "种植指导".into();
                village.needs.push(n);
                // The pairing's village stays alive (a pairing to a deleted village is
                // refused, which would make validity depend on order).
                village.deleted = v.deleted && v.record != 0;
                r.villages.insert(village.id.clone(), village);
            }
            3 => {
                let mut o = Organization::new(nid(3, 0), t(v.hour));
                o.name = "协会".into();
                o.notes = note;
                let mut c = Capability::new(nid(4, 0), Category::Agritech);
                c.description = "技术".into();
                o.capabilities.push(c);
                r.organizations.insert(o.id.clone(), o);
            }
            _ => {
                let mut p = Pairing::new(nid(5, 0), nid(1, 0), nid(3, 0), t(v.hour));
                p.need_ids = vec![nid(2, 0)];
                p.capability_ids = vec![nid(4, 0)];
                p.notes = note;
                p.deleted = v.deleted;
                r.pairings.insert(p.id.clone(), p);
                partner_village(&mut r);
                partner_org(&mut r);
            }
        }
    }
    r
}

fn raw_file(records: &Records) -> String {
    // Written directly (not through `select`, which leaves tombstones' partners aside).
    serde_json::json!({
        "format": "qianshou-survey", "version": 1,
        "exported_at": "2026-11-22T09:30:00+08:00",
        "device_id": "6f9619ff-8b86-4d01-b42d-00cf4fc964ff", "surveyor": "",
        "villages": records.villages.values().collect::<Vec<_>>(),
        "organizations": records.organizations.values().collect::<Vec<_>>(),
        "pairings": records.pairings.values().collect::<Vec<_>>(),
    })
    .to_string()
}

/// What one device holds after importing `files` in this order.
fn on_one_device(files: &[String]) -> Records {
    let mut local = Records::default();
    for f in files {
        let incoming = import::read(f.as_bytes(), &local).expect("every file is valid");
        import::merge(&mut local, &incoming.records);
    }
    local
}

fn uploaded_in(order: &[usize], files: &[String]) -> Records {
    let database = Database::fresh();
    let url = database
        .url
        .clone()
        .unwrap_or_else(|| format!("sqlite:{}", database.dir.0.join("q.db").display()));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = Db::open(&url).await.unwrap();
        let uploads = Uploads::new(db.clone(), None);
        for (n, &i) in order.iter().enumerate() {
            let key = nid(6, n as u64);
            match uploads.upload(1, &key, files[i].as_bytes()).await.unwrap() {
                Outcome::Applied(_) => {}
                Outcome::Replayed(_) => panic!("a new key is applied"),
                Outcome::Refused(e) => panic!("refused: {e:?}"),
            }
        }
        // Read back from the database itself, not from the server's copy in memory.
        db.load().await.unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_server_holds_what_one_device_would_whatever_the_order(
        files in prop::collection::vec(prop::collection::vec(version(), 1..6), 2..5),
        seed in any::<u64>(),
    ) {
        let files: Vec<String> = files.iter().map(|v| raw_file(&build(v))).collect();
        let expected = on_one_device(&files);
        // A random order of the files (a Fisher–Yates shuffle driven by the seed).
        let mut order: Vec<usize> = (0..files.len()).collect();
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let held = uploaded_in(&order, &files);
        prop_assert_eq!(&held, &expected);
        // Tombstones are kept, so that devices pulling the programme delete too.
        for v in expected.villages.values().filter(|v| v.is_deleted()) {
            prop_assert!(held.villages[&v.id].deleted);
        }
    }
}
