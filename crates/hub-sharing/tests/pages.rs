//! Reading a whole list: which pages `ListPages` asks for, against a hub
//! that paginates as JupyterHub does (`limit` capped at its maximum, `next`
//! at `offset + limit` while that is below `total`).

use hub_sharing::{ListPages, NextPage, Pagination, FIRST_PAGE_LIMIT, PAGE_LIMIT};

/// JupyterHub's `_pagination` for `offset`/`limit` over `total` rows, its
/// page size capped at `max_limit`.
fn hub_page(offset: u64, limit: u64, total: u64, max_limit: u64) -> Pagination {
    let limit = limit.clamp(1, max_limit);
    let next = offset + limit;
    Pagination {
        offset,
        limit,
        total: Some(total),
        next: (next < total).then_some(NextPage {
            offset: next,
            limit,
            url: None,
        }),
    }
}

/// Read a list of `total` rows from a hub capping pages at `max_limit`,
/// with up to `in_flight` requests out at once (answered oldest first):
/// the requests made, and how often each row came.
fn read(total: u64, max_limit: u64, in_flight: usize) -> (Vec<(u64, u64)>, Vec<u32>) {
    let mut plan = ListPages::new(1_000);
    let (mut requests, mut out) = (Vec::new(), Vec::new());
    let mut seen = vec![0u32; total as usize];
    loop {
        while out.len() < in_flight {
            let Some(request) = plan.next_request() else {
                break;
            };
            requests.push(request);
            out.push(request);
        }
        if out.is_empty() {
            return (requests, seen);
        }
        let (offset, limit) = out.remove(0);
        let page = hub_page(offset, limit, total, max_limit);
        for row in offset..(offset + page.limit).min(total) {
            seen[row as usize] += 1;
        }
        plan.answered((offset, limit), Some(&page));
        assert_eq!(plan.total(), Some(total));
    }
}

fn every_row_once(seen: &[u32]) {
    assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
}

#[test]
fn a_screenful_first_then_the_pages_total_announces_at_once_the_last_first() {
    assert_eq!((FIRST_PAGE_LIMIT, PAGE_LIMIT), (100, 200));
    let (requests, seen) = read(1_000, 200, 4);
    assert_eq!(
        requests,
        [
            (0, 100),
            (900, 200),
            (700, 200),
            (500, 200),
            (300, 200),
            (100, 200)
        ]
    );
    every_row_once(&seen);
    let (requests, seen) = read(10_000, 200, 1);
    assert_eq!(requests.len(), 1 + 50);
    every_row_once(&seen);
}

#[test]
fn a_short_list_is_one_request() {
    for total in [0, 1, 100] {
        let (requests, seen) = read(total, 200, 4);
        assert_eq!(requests, [(0, FIRST_PAGE_LIMIT)]);
        every_row_once(&seen);
    }
    let (requests, seen) = read(101, 200, 4);
    assert_eq!(requests, [(0, 100), (100, 200)]);
    every_row_once(&seen);
}

#[test]
fn a_hub_capping_the_first_page_is_read_in_its_page_size() {
    let (requests, seen) = read(120, 50, 4);
    assert_eq!(requests, [(0, 100), (100, 50), (50, 50)]);
    every_row_once(&seen);
    let (requests, seen) = read(10_000, 50, 4);
    assert_eq!(requests.len(), 200);
    every_row_once(&seen);
}

#[test]
fn a_hub_capping_later_pages_only_has_the_rows_it_left_out_asked_for() {
    // a maximum between the two page sizes: each page of 200 comes back
    // with 150 rows, and the 50 after them are asked for next
    let (requests, seen) = read(600, 150, 4);
    assert_eq!(
        requests,
        [
            (0, 100),
            (500, 200),
            (300, 200),
            (100, 200),
            (450, 50),
            (250, 50)
        ]
    );
    every_row_once(&seen);
    for (total, max_limit) in [(1_000, 100), (1_000, 199), (10_000, 150), (777, 120)] {
        let (_, seen) = read(total, max_limit, 4);
        every_row_once(&seen);
        let (_, seen) = read(total, max_limit, 1);
        every_row_once(&seen);
    }
}

#[test]
fn without_a_total_next_is_followed() {
    let mut plan = ListPages::new(1_000);
    assert_eq!(plan.next_request(), Some((0, 100)));
    let mut page = hub_page(0, 100, 500, 200);
    page.total = None;
    plan.answered((0, 100), Some(&page));
    assert_eq!(plan.total(), None);
    assert_eq!(plan.next_request(), Some((100, 200)));
    assert_eq!(plan.next_request(), None, "one at a time");
    let mut page = hub_page(100, 200, 500, 200);
    page.total = None;
    plan.answered((100, 200), Some(&page));
    assert_eq!(plan.next_request(), Some((300, 200)));
    plan.answered((300, 200), Some(&hub_page(300, 200, 500, 200)));
    assert_eq!(plan.total(), Some(500));
    assert_eq!(plan.next_request(), None);
}

#[test]
fn a_list_that_grew_while_read_is_read_to_its_end() {
    // the first answer announces 500 rows; 700 by the time the last page
    // is read: its next is followed
    let mut plan = ListPages::new(1_000);
    plan.next_request();
    plan.answered((0, 100), Some(&hub_page(0, 100, 500, 200)));
    assert_eq!(plan.next_request(), Some((300, 200)));
    assert_eq!(plan.next_request(), Some((100, 200)));
    assert_eq!(plan.next_request(), None);
    plan.answered((300, 200), Some(&hub_page(300, 200, 700, 200)));
    // a page before the last says nothing new
    plan.answered((100, 200), Some(&hub_page(100, 200, 700, 200)));
    assert_eq!(plan.total(), Some(700));
    assert_eq!(plan.next_request(), Some((500, 200)));
    plan.answered((500, 200), Some(&hub_page(500, 200, 700, 200)));
    assert_eq!(plan.next_request(), None);
}

#[test]
fn a_total_below_the_next_page_still_follows_next() {
    // total counts rows the answer hides, and is a hint only: next counts
    let mut plan = ListPages::new(1_000);
    plan.next_request();
    let mut page = hub_page(0, 100, 1_000, 200);
    page.total = Some(50);
    plan.answered((0, 100), Some(&page));
    assert_eq!(plan.next_request(), Some((100, 200)));
}

#[test]
fn a_next_that_does_not_move_forward_ends_the_list() {
    let mut plan = ListPages::new(1_000);
    plan.next_request();
    let mut page = hub_page(0, 100, 1_000, 200);
    page.next.as_mut().unwrap().offset = 0;
    plan.answered((0, 100), Some(&page));
    assert_eq!(plan.next_request(), None);
    // an answer without a pagination block is a whole list
    let mut plan = ListPages::new(1_000);
    plan.next_request();
    plan.answered((0, 100), None);
    assert_eq!(plan.next_request(), None);
    assert_eq!(plan.total(), None);
}

#[test]
fn a_hub_ignoring_the_limit_is_read_in_its_own_page_size() {
    let mut plan = ListPages::new(1_000);
    plan.next_request();
    plan.answered((0, 100), Some(&hub_page(0, 500, 1_200, 500)));
    assert_eq!(plan.next_request(), Some((1_000, 500)));
    assert_eq!(plan.next_request(), Some((500, 500)));
    assert_eq!(plan.next_request(), None);
}

#[test]
fn at_most_max_requests_are_made() {
    let mut plan = ListPages::new(3);
    plan.next_request();
    plan.answered((0, 100), Some(&hub_page(0, 100, 100_000, 200)));
    assert_eq!(plan.next_request(), Some((300, 200)));
    assert_eq!(plan.next_request(), Some((100, 200)));
    assert_eq!(plan.next_request(), None);
    plan.answered((300, 200), Some(&hub_page(300, 200, 100_000, 200)));
    assert_eq!(plan.next_request(), None);
}
