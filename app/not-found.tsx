import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" purpose="This address is not part of the console. Pick a page from the navigation." />
      <Link href="/" className="button" data-variant="primary">
        Go to Overview
      </Link>
    </>
  );
}
