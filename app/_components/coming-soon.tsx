export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          <p>{what}</p>
        </div>
      </div>
      <div className="card empty" role="status">
        <h2>Not built yet</h2>
        <p>This area is planned and will appear here. Nothing in it can be used today.</p>
      </div>
    </>
  );
}
