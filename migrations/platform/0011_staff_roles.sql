-- What each staff member may do on the console (pespro::staff::StaffRole):
-- support reads and impersonates; an operator also runs firms' lifecycle,
-- plans and flags; an owner also manages the staff. Everyone who exists
-- now could do everything, so they become owners; `pespro staff create`
-- says which role a new account gets.
alter table platform.staff
    add column role text not null default 'owner' check (role in ('support', 'operator', 'owner'));
