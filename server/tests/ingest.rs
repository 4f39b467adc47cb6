//! The ingest and export commands on real files and a real SQLite database.

mod common;

use std::{path::Path, process::Command, time::Duration};

use server::ingest::{self, report::Silent, FileOutcome};
use store::{facts::FactFilter, Db};

const BIN: &str = env!("CARGO_BIN_EXE_server");

async fn counts(db: &Db) -> (i64, i64) {
    let (a,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let (f,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM facts")
        .fetch_one(db.pool())
        .await
        .unwrap();
    (a, f)
}

async fn fact_ids(db: &Db) -> Vec<i64> {
    db.facts(&FactFilter::all())
        .await
        .unwrap()
        .iter()
        .map(|f| f.id)
        .collect()
}

#[tokio::test]
async fn reingesting_seeds_changes_nothing() {
    let seeded = common::seeded().await;
    assert_eq!(seeded.summary.ingested, 5);
    let before = counts(&seeded.db).await;
    let ids_before = fact_ids(&seeded.db).await;
    let again = ingest::ingest_paths(
        &seeded.db,
        &[common::repo_root().join("seeds")],
        ingest::DEFAULT_MAX_BYTES,
        &mut Silent,
    )
    .await
    .unwrap();
    assert_eq!(
        (again.ingested, again.replaced, again.skipped, again.failed),
        (0, 0, 5, 0)
    );
    assert_eq!(counts(&seeded.db).await, before);
    let ids_after = fact_ids(&seeded.db).await;
    assert_eq!(ids_before, ids_after, "no fact was rewritten");
}

#[tokio::test]
async fn changed_content_replaces_atomically_and_duplicates_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("d.db")).await.unwrap();
    let files = dir.path().join("in");
    std::fs::create_dir(&files).unwrap();
    std::fs::write(files.join("a.txt"), "2022年，营口市地区生产总值增长3.1%。").unwrap();
    let s = ingest::ingest_paths(&db, std::slice::from_ref(&files), 1 << 20, &mut Silent)
        .await
        .unwrap();
    assert_eq!(s.ingested, 1);

    std::fs::write(
        files.join("a.txt"),
        "2022年，营口市地区生产总值增长3.1%，固定资产投资增长8.2%。",
    )
    .unwrap();
    std::fs::write(
        files.join("copy.txt"),
        "2022年，营口市地区生产总值增长3.1%，固定资产投资增长8.2%。",
    )
    .unwrap();
    let s = ingest::ingest_paths(
        &db,
        &[files.join("a.txt"), files.join("copy.txt")],
        1 << 20,
        &mut Silent,
    )
    .await
    .unwrap();
    assert!(
        matches!(s.files[0].outcome, FileOutcome::Replaced { facts, .. } if facts == s.facts),
        "{:?}",
        s.files[0].outcome
    );
    assert_eq!(
        s.files[1].outcome,
        FileOutcome::Duplicate { of: "a.txt".into() }
    );
    let (articles, facts) = counts(&db).await;
    assert_eq!(articles, 1);
    let texts: Vec<(String,)> = sqlx::query_as("SELECT text FROM articles")
        .fetch_all(db.pool())
        .await
        .unwrap();
    assert!(texts[0].0.contains("8.2%"));
    assert_eq!(facts as usize, s.facts);
}

#[tokio::test]
async fn bad_files_are_reported_and_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("d.db")).await.unwrap();
    let files = dir.path().join("in");
    std::fs::create_dir(&files).unwrap();
    std::fs::write(files.join("1_empty.txt"), "  \n").unwrap();
    std::fs::write(
        files.join("2_binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    std::fs::write(files.join("3_big.txt"), "增长5%。".repeat(10_000)).unwrap();
    std::fs::write(
        files.join("4_garbage.txt"),
        [0x80, 0xFF, 0x81, 0xFF].repeat(10),
    )
    .unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode("上半年，临汾市固定资产投资同比增长6.5%。");
    std::fs::write(files.join("5_gbk.txt"), &gbk).unwrap();
    let s = ingest::ingest_paths(
        &db,
        &[files.clone(), files.join("6_missing.txt")],
        50_000,
        &mut Silent,
    )
    .await
    .unwrap();
    let reason = |i: usize| match &s.files[i].outcome {
        FileOutcome::Failed { reason } => reason.clone(),
        other => panic!("{} should have failed, got {other:?}", s.files[i].file),
    };
    assert!(reason(0).contains("empty"), "{}", reason(0));
    assert!(reason(1).contains("binary"), "{}", reason(1));
    assert!(reason(2).contains("too large"), "{}", reason(2));
    assert!(
        reason(3).contains("UTF-8") && reason(3).contains("GB18030"),
        "{}",
        reason(3)
    );
    assert!(
        matches!(s.files[4].outcome, FileOutcome::Ingested { .. }),
        "{:?}",
        s.files[4]
    );
    assert!(reason(5).contains("cannot read"), "{}", reason(5));
    assert_eq!((s.ingested, s.failed), (1, 5));
    let (enc,): (String,) = sqlx::query_as("SELECT encoding FROM articles")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(enc, "GB18030");
}

#[test]
fn cli_exit_code_and_json_summary() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("in");
    std::fs::create_dir(&files).unwrap();
    std::fs::write(
        files.join("ok.txt"),
        "2023年一季度，四平市地区生产总值增长6.1%。",
    )
    .unwrap();
    std::fs::write(files.join("bad.txt"), "").unwrap();
    let db = dir.path().join("d.db");
    let out = Command::new(BIN)
        .args(["ingest", "--json", "--db"])
        .arg(&db)
        .arg(&files)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a failed file makes the exit code non-zero"
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["ingested"], 1);
    assert_eq!(summary["failed"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 of 2 files failed"));

    let out = Command::new(BIN)
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out
        .stdout
        .starts_with(b"\xEF\xBB\xBFarticle,city,scope,period,metric,value,unit,bound,label,quote"));

    let out = Command::new(BIN)
        .args(["export", "--city", "atlantis", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("atlantis") && err.contains("siping (四平)"),
        "{err}"
    );

    let target = dir.path().join("out.json");
    let out = Command::new(BIN)
        .args(["export", "--format", "json", "--city", "四平", "--out"])
        .arg(&target)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert!(rows.iter().all(|r| r["city"] == "四平"));
    assert!(!dir.path().join("out.json.partial").exists());
}

/// Writes `n` distinct articles (varied figures, so no two are duplicates).
fn write_corpus(dir: &Path, n: usize) {
    let seed = std::fs::read_to_string(common::repo_root().join("seeds/003_40cf6d47d69b3287.txt"))
        .unwrap();
    for i in 0..n {
        let text = format!(
            "{seed}\n2023年上半年，营口市地区生产总值增长{}.{}%。\n",
            i / 10,
            i % 10
        );
        std::fs::write(dir.join(format!("art_{i:04}.txt")), text).unwrap();
    }
}

#[tokio::test]
async fn killed_mid_run_leaves_a_consistent_database_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    write_corpus(&corpus, 300);
    let db_path = dir.path().join("d.db");

    // Created and migrated before the child starts, so both see the same schema.
    let db = Db::open(&db_path).await.unwrap();
    let mut child = Command::new(BIN)
        .arg("ingest")
        .arg(&corpus)
        .arg("--db")
        .arg(&db_path)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some articles are in, then kill without warning.
    for _ in 0..3000 {
        if counts(&db).await.0 >= 20 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (partial, _) = counts(&db).await;
    assert!(
        partial > 0 && partial < 300,
        "killed mid-run: {partial} of 300 stored"
    );

    let (ok,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(ok, "ok");
    // No article without its facts: every stored article has the facts its text gives.
    let empty: Vec<(String,)> = sqlx::query_as("SELECT file_name FROM articles a WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.article_id = a.id)")
        .fetch_all(db.pool())
        .await
        .unwrap();
    assert!(empty.is_empty(), "articles stored without facts: {empty:?}");

    let status = Command::new(BIN)
        .arg("ingest")
        .arg(&corpus)
        .arg("--db")
        .arg(&db_path)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let (articles, facts) = counts(&db).await;
    assert_eq!(articles, 300);
    let (dupes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM (SELECT article_id, seq FROM facts GROUP BY article_id, seq HAVING COUNT(*) > 1)")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(dupes, 0);

    // The same corpus ingested in one go gives the same facts.
    let fresh = Db::open(&dir.path().join("fresh.db")).await.unwrap();
    ingest::ingest_paths(&fresh, &[corpus], ingest::DEFAULT_MAX_BYTES, &mut Silent)
        .await
        .unwrap();
    assert_eq!(counts(&fresh).await, (articles, facts));
}
